using System.Text.Json;

namespace Provenance.Api.Diffs;

/// <summary>
/// The usual diff preview body, <c>{"left": "…", "right": "…"}</c> (either order, nothing else), has its two strings
/// decoded at once on two cores: each is a megabyte-sized text whose unescaping and transcoding is most of the
/// parse. Anything else, or anything the decoder rejects, answers null and goes through the serializer, which
/// reads it (or reports what is wrong with it) as before.
/// </summary>
internal static class TwoTextsBody
{
    /// <summary>Below this many bytes one pass over the body is quicker than sharing it out.</summary>
    public const int ParallelFrom = 64 * 1024;

    public static DiffTextsRequest? TryRead(byte[] buffer, int start, int length)
    {
        var json = buffer.AsSpan(start, length);
        var position = 0;
        if (!Expect(json, ref position, (byte)'{')
            || !Member(json, ref position, out var firstName, out var firstValue)
            || !Expect(json, ref position, (byte)',')
            || !Member(json, ref position, out var secondName, out var secondValue)
            || !Expect(json, ref position, (byte)'}'))
        {
            return null;
        }

        SkipWhitespace(json, ref position);
        (int Start, int Length) left = (-1, 0), right = (-1, 0);
        if ((firstName, secondName) is ("left", "right"))
        {
            (left, right) = (firstValue, secondValue);
        }
        else if ((firstName, secondName) is ("right", "left"))
        {
            (left, right) = (secondValue, firstValue);
        }
        if (position != json.Length || left.Start < 0)
        {
            return null;
        }

        string? leftText = null, rightText = null;
        Parallel.Invoke(
            () => leftText = Decode(buffer, start + left.Start, left.Length),
            () => rightText = Decode(buffer, start + right.Start, right.Length));
        return leftText is null || rightText is null ? null : new DiffTextsRequest(leftText, rightText);
    }

    /// <summary>A JSON string token (quotes included) decoded by the serializer's own reader; null when it is not valid.</summary>
    private static string? Decode(byte[] buffer, int start, int length)
    {
        try
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(start, length));
            return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary><c>"left": "…"</c> or <c>"right": "…"</c>, as the name and where the value's string token lies.</summary>
    private static bool Member(ReadOnlySpan<byte> json, ref int position, out string name, out (int Start, int Length) value)
    {
        (name, value) = (string.Empty, (-1, 0));
        SkipWhitespace(json, ref position);
        var token = StringToken(json, position);

        // Only the two plain names qualify: an escaped or differently cased name goes through the serializer.
        var bytes = token.Length < 2 ? [] : token[1..^1];
        name = bytes.SequenceEqual("left"u8) ? "left" : bytes.SequenceEqual("right"u8) ? "right" : string.Empty;
        position += token.Length;
        if (name.Length == 0 || !Expect(json, ref position, (byte)':'))
        {
            return false;
        }

        SkipWhitespace(json, ref position);
        var text = StringToken(json, position);
        value = (position, text.Length);
        position += text.Length;
        return text.Length >= 2;
    }

    /// <summary>The string token starting at <paramref name="start"/>, quotes included; empty when there is none.</summary>
    private static ReadOnlySpan<byte> StringToken(ReadOnlySpan<byte> json, int start)
    {
        if (start >= json.Length || json[start] != '"')
        {
            return [];
        }

        // Jump between quotes and backslashes; a backslash escapes the byte after it (the hex digits of \uXXXX hold
        // neither), so the first quote not escaped ends the string.
        for (var i = start + 1; i < json.Length;)
        {
            var next = json[i..].IndexOfAny((byte)'"', (byte)'\\');
            if (next < 0)
            {
                return [];
            }

            i += next;
            if (json[i] == '"')
            {
                return json[start..(i + 1)];
            }

            i += 2;
        }

        return [];
    }

    private static bool Expect(ReadOnlySpan<byte> json, ref int position, byte expected)
    {
        SkipWhitespace(json, ref position);
        if (position >= json.Length || json[position] != expected)
        {
            return false;
        }

        position++;
        return true;
    }

    private static void SkipWhitespace(ReadOnlySpan<byte> json, ref int position)
    {
        while (position < json.Length && json[position] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            position++;
        }
    }
}
