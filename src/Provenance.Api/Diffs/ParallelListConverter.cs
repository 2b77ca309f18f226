using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Provenance.Api.Diffs;

/// <summary>
/// Writes a long list (the operations or rows of a diff of long texts, megabytes of JSON) in chunks serialized on
/// all cores, then copies them into the response in order: the bytes are the ones one writer would write.
/// Reads like any JSON array.
/// </summary>
public sealed class ParallelListConverter<T> : JsonConverter<IReadOnlyList<T>>
{
    /// <summary>Below this many items one writer is quicker than sharing out the work.</summary>
    private const int ParallelFrom = 256;

    /// <summary>More chunks than cores, so cores that finish early take another.</summary>
    private const int ItemsPerChunk = 128;

    public override IReadOnlyList<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected an array of {typeof(T).Name}.");
        }

        var info = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(JsonSerializer.Deserialize(ref reader, info)!);
        }

        return items;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options)
    {
        var info = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        writer.WriteStartArray();
        if (value.Count < ParallelFrom)
        {
            foreach (var item in value)
            {
                JsonSerializer.Serialize(writer, item, info);
            }
        }
        else
        {
            var chunks = new Chunk[(value.Count + ItemsPerChunk - 1) / ItemsPerChunk];
            var writerOptions = new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented, SkipValidation = true };
            Parallel.For(0, chunks.Length, c => chunks[c] = Chunk.Of(value, c * ItemsPerChunk, Math.Min(value.Count, (c + 1) * ItemsPerChunk), info, writerOptions));
            foreach (var chunk in chunks)
            {
                chunk.CopyTo(writer);
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>Items serialized one after another into a pooled buffer, with where each one ends.</summary>
    private sealed class Chunk
    {
        private readonly ArrayPoolBufferWriter _buffer = new();
        private readonly List<int> _ends = [];

        public static Chunk Of(IReadOnlyList<T> items, int from, int to, JsonTypeInfo<T> info, JsonWriterOptions options)
        {
            var chunk = new Chunk();
            using var writer = new Utf8JsonWriter(chunk._buffer, options);
            for (var i = from; i < to; i++)
            {
                JsonSerializer.Serialize(writer, items[i], info);
                writer.Flush();
                chunk._ends.Add(chunk._buffer.WrittenCount);

                // Each item is a value of its own: no separator before the next.
                writer.Reset();
            }

            return chunk;
        }

        /// <summary>Writes the items as array elements (the writer adds the commas) and returns the buffer to the pool.</summary>
        public void CopyTo(Utf8JsonWriter writer)
        {
            var start = 0;
            foreach (var end in _ends)
            {
                writer.WriteRawValue(_buffer.WrittenSpan[start..end], skipInputValidation: true);
                start = end;
            }

            _buffer.Dispose();
        }
    }

    /// <summary>An <see cref="IBufferWriter{T}"/> over arrays borrowed from the shared pool.</summary>
    private sealed class ArrayPoolBufferWriter : IBufferWriter<byte>, IDisposable
    {
        private byte[] _array = ArrayPool<byte>.Shared.Rent(64 * 1024);

        public int WrittenCount { get; private set; }

        public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, WrittenCount);

        public void Advance(int count) => WrittenCount += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _array.AsMemory(WrittenCount);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _array.AsSpan(WrittenCount);
        }

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = [];
        }

        private void Ensure(int sizeHint)
        {
            if (_array.Length - WrittenCount >= Math.Max(sizeHint, 1))
            {
                return;
            }

            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, WrittenCount + sizeHint));
            WrittenSpan.CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_array);
            _array = larger;
        }
    }
}
