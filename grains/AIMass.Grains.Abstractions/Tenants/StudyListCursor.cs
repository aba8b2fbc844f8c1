using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace AIMass.Grains.Tenants;

/// <summary>
/// The position after a study in the newest-first study list: its index time and id, as an opaque base64url token.
/// Order: created time descending, then id descending (ordinal), so equal times still have one stable order.
/// </summary>
public readonly record struct StudyListCursor(long CreatedTicks, string Id)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    private const int MaxCursorLength = 200;

    /// <summary>Whether a study at (<paramref name="ticks"/>, <paramref name="id"/>) comes after this cursor.</summary>
    public bool Precedes(long ticks, string id) =>
        ticks < CreatedTicks || (ticks == CreatedTicks && string.CompareOrdinal(id, Id) < 0);

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{CreatedTicks.ToString(CultureInfo.InvariantCulture)}:{Id}"));

    /// <summary>Reads a cursor a page handed out; anything else is refused naming the field <c>cursor</c>.</summary>
    public static StudyListCursor Decode(string cursor)
    {
        if (cursor.Length is > 0 and <= MaxCursorLength && Base64Url.IsValid(cursor))
        {
            try
            {
                var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
                var colon = text.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && colon < text.Length - 1
                    && long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
                {
                    return new StudyListCursor(ticks, text[(colon + 1)..]);
                }
            }
            catch (FormatException)
            {
                // Refused below.
            }
        }
        throw ServiceException.Invalid("The cursor is not one a study list page handed out.",
            [new FieldError(null, "cursor", "is not a cursor of this list; pass the X-Next-Cursor of the previous page")]);
    }

    /// <summary>Refuses a page size outside 1..<see cref="MaxLimit"/>, naming the field <c>limit</c>.</summary>
    public static int CheckLimit(int limit) => limit is >= 1 and <= MaxLimit
        ? limit
        : throw ServiceException.Invalid($"A page holds 1 to {MaxLimit} studies; {limit} was asked for.",
            [new FieldError(null, "limit", $"must be between 1 and {MaxLimit}")]);
}
