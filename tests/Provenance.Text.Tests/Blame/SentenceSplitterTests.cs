using Provenance.Text.Merge;

namespace Provenance.Text.Tests.Blame;

public class SentenceSplitterTests
{
    [Theory]
    [InlineData("Late in the evening of October 23, R. Kennedy came to visit me. He was excited.", "Late in the evening of October 23, R. Kennedy came to visit me. |He was excited.")]
    [InlineData("the Soviet side--N.S. Khrushchev, the Soviet government. Then", "the Soviet side--N.S. Khrushchev, the Soviet government. |Then")]
    [InlineData("made very recently by A. A. Gromyko during his meeting. Is this weapon really for defense? It is not!", "made very recently by A. A. Gromyko during his meeting. |Is this weapon really for defense? |It is not!")]
    [InlineData("Mr. Ambassador, the U.S. Government and the USA. Next.", "Mr. Ambassador, the U.S. Government and the USA. |Next.")]
    [InlineData("24.X.62 A. DOBRYNIN", "24.X.62 A. DOBRYNIN")]
    [InlineData("contradictory[?] statements. Right.", "contradictory[?] statements. |Right.")]
    [InlineData("He said: \"I don't know.\" He left.", "He said: \"I don't know.\" |He left.")]
    [InlineData("Copy No. 1 is here. e.g. this. Done", "Copy No. 1 is here. e.g. this. |Done")]
    [InlineData("Ends with spaces.   \n", "Ends with spaces.   \n")]
    [InlineData("No terminator\n", "No terminator\n")]
    [InlineData("First.\nSecond.", "First.\n|Second.")]
    [InlineData("", "")]
    public void Splits_at_sentence_ends_only(string text, string expected)
    {
        var units = SentenceSplitter.Split(text);

        Assert.Equal(expected, string.Join('|', units));
        Assert.Equal(text, string.Concat(units));
        Assert.All(units, unit => Assert.NotEmpty(unit));
    }
}
