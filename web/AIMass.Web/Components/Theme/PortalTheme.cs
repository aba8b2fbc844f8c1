using MudBlazor;

namespace AIMass.Web.Components.Theme;

/// <summary>The portal's look: an indigo palette and the system font stack (no web fonts: the portal works offline).</summary>
public static class PortalTheme
{
    private static readonly string[] Fonts = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#4f46e5",
            PrimaryDarken = "#4338ca",
            PrimaryLighten = "#818cf8",
            Secondary = "#6b7280",
            Tertiary = "#7c3aed",
            Success = "#16a34a",
            Warning = "#d97706",
            Error = "#dc2626",
            Info = "#0284c7",
            AppbarBackground = "#1e1b4b",
            AppbarText = "#eef2ff",
            Background = "#f6f7fb",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#1f2937",
            DrawerIcon = "#4f46e5",
            TextPrimary = "#111827",
            TextSecondary = "#6b7280",
            TableLines = "#e5e7eb",
            Divider = "#e5e7eb",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Fonts },
            H4 = new H4Typography { FontFamily = Fonts, FontWeight = "600", FontSize = "1.75rem" },
            H5 = new H5Typography { FontFamily = Fonts, FontWeight = "600" },
            H6 = new H6Typography { FontFamily = Fonts, FontWeight = "600" },
            Button = new ButtonTypography { FontFamily = Fonts, FontWeight = "600", TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px", DrawerWidthLeft = "232px" },
    };
}
