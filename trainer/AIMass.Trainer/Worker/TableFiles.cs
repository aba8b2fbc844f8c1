using AIMass.Training.Data;

namespace AIMass.Trainer.Worker;

/// <summary>
/// Parsed data set files of this trainer process: the last few, by path (a version's file never changes), so a trainer
/// reused for the next trial of the same study does not parse the CSV again.
/// </summary>
internal sealed class TableFiles
{
    private const int Capacity = 2;
    private readonly List<(string Path, CsvTable Table)> _recent = [];

    public CsvTable Get(string path)
    {
        var index = _recent.FindIndex(e => e.Path == path);
        if (index >= 0)
        {
            var hit = _recent[index];
            _recent.RemoveAt(index);
            _recent.Insert(0, hit);
            return hit.Table;
        }
        var table = CsvTable.Load(path);
        _recent.Insert(0, (path, table));
        if (_recent.Count > Capacity) _recent.RemoveAt(_recent.Count - 1);
        return table;
    }
}
