namespace AIMass.Training.Models.Forest;

/// <summary>
/// One grown tree in preorder: node <c>i</c>'s left child is node <c>i + 1</c>. An internal node sends a row left
/// when <c>x[Feature[i]] &lt;= Threshold[i]</c>, else to node <c>Next[i]</c>; a leaf has <c>Feature[i] = -1</c> and
/// <c>Next[i]</c> is the offset of its values (width per leaf) in <see cref="Values"/>.
/// </summary>
/// <param name="Feature">Split feature per node, -1 for a leaf.</param>
/// <param name="Threshold">Split threshold per node (0 for a leaf).</param>
/// <param name="Next">Right child per internal node; value offset per leaf.</param>
/// <param name="Values">Leaf values: class distributions or means.</param>
internal sealed record ForestTree(int[] Feature, float[] Threshold, int[] Next, float[] Values)
{
    /// <summary>Nodes in the tree.</summary>
    public int Nodes => Feature.Length;
}
