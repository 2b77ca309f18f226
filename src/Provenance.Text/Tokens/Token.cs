namespace Provenance.Text.Tokens;

/// <summary>
/// One piece of text at <see cref="Start"/> (UTF-16 offset). <see cref="Editorial"/> is true when the
/// token lies inside an editorial mark such as <c>[?]</c>, brackets included.
/// </summary>
public readonly record struct Token(string Text, int Start, TokenKind Kind, bool Editorial)
{
    public int End => Start + Text.Length;
}
