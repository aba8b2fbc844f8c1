using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIMass.Trainer.Protocol;

/// <summary>
/// Reads and writes <see cref="TrainerMessage"/>s as JSON lines over a stream (the Unix socket between a silo and a
/// trainer). Writes are serialised, so several threads may send; one thread reads. A line longer than
/// <see cref="MaxLineBytes"/> is refused: neither side may make the other buffer without bound.
/// </summary>
public sealed class MessageChannel(Stream stream) : IDisposable
{
    public const int MaxLineBytes = 16 * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly Lock _writeGate = new();
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly MemoryStream _line = new();
    private int _start;
    private int _end;

    public void Send(TrainerMessage message)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message, Json);
        lock (_writeGate)
        {
            stream.Write(bytes);
            stream.WriteByte((byte)'\n');
            stream.Flush();
        }
    }

    /// <summary>The next message, or null when the peer closed the connection.</summary>
    public TrainerMessage? Receive()
    {
        _line.SetLength(0);
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = stream.Read(_buffer, 0, _buffer.Length);
                if (_end == 0) return null;
            }
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var stop = newline < 0 ? _end : newline;
            _line.Write(_buffer, _start, stop - _start);
            if (_line.Length > MaxLineBytes) throw new InvalidDataException($"A protocol message is longer than {MaxLineBytes} bytes.");
            _start = newline < 0 ? _end : newline + 1;
            if (newline >= 0) break;
        }
        var message = JsonSerializer.Deserialize<TrainerMessage>(_line.GetBuffer().AsSpan(0, (int)_line.Length), Json);
        return message ?? throw new InvalidDataException("An empty protocol message: " + Encoding.UTF8.GetString(_line.ToArray()));
    }

    public void Dispose() => stream.Dispose();
}
