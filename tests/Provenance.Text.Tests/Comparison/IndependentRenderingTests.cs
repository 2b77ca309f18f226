using Provenance.Text.Comparison;
using Provenance.Text.Diff;

namespace Provenance.Text.Tests.Comparison;

/// <summary>Two independent renderings of the seed's opening, compared sentence to sentence.</summary>
public class IndependentRenderingTests
{
    // Doctoroff's translation (the seed record), opening of the ciphered telegram, with its header lines.
    private const string Doctoroff = """
        TOP SECRET

        Copy No. 1

        Late in the evening of October 23, R. Kennedy came to visit me. He was in an obviously excited condition and his speech was rich in repetitions and digressions. R. Kennedy said approximately the following.

        I came on my own personal initiative without any assignment from the President. I considered it necessary to do this in order to clarify what exactly led to the current, extremely serious development of events. Most important is the fact that the personal relations between the President and the Soviet premier have suffered heavy damage. President Kennedy feels deceived and these feelings found their own reflection in his appeal to the American people.

        From the very beginning, continued R. Kennedy, the Soviet side--N.S. Khrushchev, the Soviet government in its pronouncements and the Soviet ambassador during confidential meetings - have stressed the defensive nature of the weapons which are being delivered to Cuba. You, for instance, said R. Kennedy to me, told me about the exclusively defensive goals of the delivery of Soviet weapons, in particular, the missile weapons, during our meeting at the beginning of September. I understood you then as saying that we were talking only about /and in the future, too/ missiles of a relatively small range of action for the defense of Cuba itself and the approaches to it, but not about long range missiles which could strike practically the entire territory of the USA. I told this to the President, who accepted it with satisfaction as the position of the Soviet government. There was a TASS declaration in the name of the Soviet government in which it was clearly stated that all military deliveries to Cuba are intended exclusively for defensive goals. The President and the government of the USA understood this as the true position of the USSR.

        With even greater feelings of trust we took the corresponding declarations /public and confidential/ of the head of the Soviet government, who, despite the big disagreements and frequent aggravations in relations between our countries, the President has always trusted on a personal level. The message which had been sent by N.S. Khrushchev via the Soviet ambassador and [Kennedy adviser Theodore] Sorensen, about the fact that during the election campaign in the USA the Soviet side would not do anything to complicate the international situation and worsen relations between our countries, had made a great impression on the President.
        """;

    // A second, independent rendering written for this test: no header, the third paragraph split in two,
    // and the date given as October 24.
    private const string Second = """
        On the late evening of October 24, R. Kennedy called on me. He was visibly agitated, and he spoke with many repetitions and digressions. What R. Kennedy said was roughly as follows.

        I have come on my own initiative, without any instructions from the President. I felt I had to do so in order to make clear what exactly has brought about the present, extremely grave turn of events. The main thing is that the personal relationship between the President and the Soviet premier has been badly damaged. President Kennedy feels that he was deceived, and this feeling was reflected in his address to the American people.

        From the very start, R. Kennedy went on, the Soviet side--N.S. Khrushchev, the Soviet government in its statements, and the Soviet ambassador in confidential meetings--emphasized the defensive character of the weapons being shipped to Cuba. You yourself, R. Kennedy said to me, told me at our meeting at the beginning of September that the deliveries of Soviet weapons, in particular missiles, had purely defensive aims.

        I understood you then to mean that it was only a matter of missiles of relatively short range for the defense of Cuba itself and its approaches, and not of long-range missiles capable of striking practically the whole territory of the USA. I reported this to the President, who received it with satisfaction as the position of the Soviet government. There was also a TASS statement on behalf of the Soviet government which said clearly that all military supplies to Cuba were meant only for defense. The President and the US government took this to be the true position of the USSR.

        We received with even greater trust the corresponding statements, public and confidential, of the head of the Soviet government, whom the President, despite the large disagreements and frequent tensions between our countries, has always trusted personally. The message that N.S. Khrushchev sent through the Soviet ambassador and Theodore Sorensen, saying that the Soviet side would do nothing during the American election campaign to complicate the international situation or worsen relations between our countries, had made a great impression on the President.
        """;

    private static ComparisonResult Compared() => TranslationComparer.Compare(Doctoroff, Second);

    [Fact]
    public void The_file_heading_is_a_header_on_one_side_and_every_other_sentence_is_matched()
    {
        var pairs = Compared().Pairs;

        var heading = Assert.Single(pairs, p => p.Kind == PairKind.LeftOnly);
        Assert.Equal(OneSidedKind.Header, heading.OneSided);
        Assert.StartsWith("TOP SECRET", heading.LeftText, StringComparison.Ordinal);
        Assert.DoesNotContain(pairs, p => p.Kind == PairKind.RightOnly);
        Assert.All(pairs.Where(p => p.Kind != PairKind.LeftOnly), p => Assert.InRange(p.Similarity, 0.3, 1.0));
    }

    [Fact]
    public void Reports_the_changed_date_as_a_differing_number()
    {
        var opening = Compared().Pairs.Single(p => p.LeftText.StartsWith("Late in the evening", StringComparison.Ordinal));

        Assert.Equal([new DifferingAnchor("23", ComparedSide.Left), new DifferingAnchor("24", ComparedSide.Right)], opening.DifferingNumbers);
        Assert.Contains(opening.LeftSpans, s => s.Kind == DiffSpanKind.Deleted && s.Text.Contains("23", StringComparison.Ordinal));
        Assert.Contains(opening.RightSpans, s => s.Kind == DiffSpanKind.Inserted && s.Text.Contains("24", StringComparison.Ordinal));
    }

    [Fact]
    public void Reports_names_on_one_side_only_and_not_names_both_have()
    {
        var last = Compared().Pairs[^1];

        Assert.Contains(new DifferingAnchor("USA", ComparedSide.Left), last.DifferingNames);
        Assert.Contains(new DifferingAnchor("American", ComparedSide.Right), last.DifferingNames);
        Assert.DoesNotContain(last.DifferingNames, a => a.Text is "Sorensen" or "Khrushchev" or "Soviet");
    }

    [Fact]
    public void Identical_texts_align_one_to_one_with_full_similarity()
    {
        var result = TranslationComparer.Compare(Doctoroff, Doctoroff.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.All(result.Pairs, p =>
        {
            Assert.Equal(PairKind.OneToOne, p.Kind);
            Assert.Equal(1.0, p.Similarity);
            Assert.Empty(p.DifferingNumbers);
            Assert.Empty(p.DifferingNames);
        });
    }

    [Fact]
    public void Serializes_kinds_and_sides_as_written_in_the_issue()
    {
        var json = DiffJson.Serialize(Compared());

        Assert.Contains("\"kind\":\"1:1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"left-only\"", json, StringComparison.Ordinal);
        Assert.Contains("\"oneSided\":\"header\"", json, StringComparison.Ordinal);
        Assert.Contains("\"side\":\"left\"", json, StringComparison.Ordinal);
    }
}
