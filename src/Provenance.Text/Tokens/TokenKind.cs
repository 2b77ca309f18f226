namespace Provenance.Text.Tokens;

public enum TokenKind
{
    /// <summary>Letters, combining marks and digits, with inner apostrophes.</summary>
    Word,

    /// <summary>Digits only, with inner separators such as <c>1,000</c> or <c>3.5</c>.</summary>
    Number,

    /// <summary>A run of horizontal whitespace (never a line feed).</summary>
    Whitespace,

    /// <summary>One line feed.</summary>
    Newline,

    /// <summary>One grapheme of punctuation, symbol or emoji.</summary>
    Punctuation,

    /// <summary>A whole line including its line feed (line granularity).</summary>
    Line,
}
