using DiffPlex;

namespace Provenance.Text.Tokens;

/// <summary>DiffPlex chunker over <see cref="Tokenizer.Words"/>; keeps whitespace and line feeds as tokens.</summary>
public sealed class WordTokenChunker : IChunker
{
    public static WordTokenChunker Instance { get; } = new();

    public IReadOnlyList<string> Chunk(string text) => Texts(Tokenizer.Words(text));

    internal static string[] Texts(Token[] tokens)
    {
        var texts = new string[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            texts[i] = tokens[i].Text;
        }

        return texts;
    }
}

/// <summary>DiffPlex chunker over grapheme clusters: never splits surrogate pairs or combining sequences.</summary>
public sealed class GraphemeChunker : IChunker
{
    public static GraphemeChunker Instance { get; } = new();

    public IReadOnlyList<string> Chunk(string text) => WordTokenChunker.Texts(Tokenizer.Graphemes(text));
}

/// <summary>DiffPlex chunker over lines that keeps each line feed, unlike DiffPlex's own line chunker.</summary>
public sealed class LineTokenChunker : IChunker
{
    public static LineTokenChunker Instance { get; } = new();

    public IReadOnlyList<string> Chunk(string text) => WordTokenChunker.Texts(Tokenizer.Lines(text));
}
