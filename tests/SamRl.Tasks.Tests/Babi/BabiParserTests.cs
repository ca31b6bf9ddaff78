using SamRl.Tasks.Babi;

namespace SamRl.Tasks.Tests.Babi;

public sealed class BabiParserTests
{
    private static List<BabiStory> Parse(string text) => BabiParser.Parse(new StringReader(text), "t.txt");

    [Fact]
    public void Tokenizer_lowercases_and_splits_punctuation_off()
    {
        Assert.Equal(["where", "is", "mary", "?"], BabiTokenizer.Tokenize("Where is Mary? "));
        Assert.Equal(["mary", "moved", "to", "the", "bathroom", "."], BabiTokenizer.Tokenize("Mary moved to the bathroom."));
        Assert.Equal(["is", "the", "box", "bigger", "than", "the", "chest", "?"], BabiTokenizer.Tokenize("Is the box bigger than the chest?"));
    }

    [Fact]
    public void Stories_questions_and_contexts_come_out_in_order()
    {
        var stories = Parse("1 Mary went home.\n2 Where is Mary? \thome\t1\n3 John left.\n4 Who left?\tjohn\t3\n1 A b.\n2 Q?\tN,S\t1\n");
        Assert.Equal(2, stories.Count);
        var s = stories[0];
        Assert.Equal(2, s.Sentences.Count);
        Assert.Equal([1, 2], s.Questions.Select(q => q.SentencesBefore));
        Assert.Equal(["who", "left", "?"], s.Questions[1].Words);
        Assert.Equal(4, s.Questions[1].Line);
        // Multi-word answers stay one lower-cased answer token, as the reference's answer.lower().
        Assert.Equal("n,s", stories[1].Questions[0].Answer);
        Assert.Equal(5, stories[1].FirstLine);
    }

    [Theory]
    [InlineData("1 A b.\nx Where?\tb\t1\n", 2, "numeric id")]
    [InlineData("1 A b.\n2 Where?\t\t1\n", 2, "no answer")]
    [InlineData("1 A b.\n2 Where?\tb\n", 2, "2 TAB-separated fields")]
    [InlineData("1 A b.\n3 Where?\tb\t1\n", 2, "id 3 after 1")]
    [InlineData("1 A b.\n2 C d.\n2 Where?\tb\t1\n", 3, "id 2 after 2")]
    [InlineData("2 A b.\n", 1, "a story starts with id 1")]
    [InlineData("1 A b.\n\n2 Where?\tb\t1\n", 2, "empty line")]
    [InlineData("1 A b.\n2 Where?\tb\t5\n", 2, "supporting fact '5'")]
    [InlineData("1 A b.\n2 C d.\n1 E f.\n2 Where?\tb\t1\n", 1, "no question")]
    public void Malformed_lines_are_rejected_with_file_and_line(string text, int line, string what)
    {
        var e = Assert.Throws<InvalidDataException>(() => Parse(text));
        Assert.StartsWith($"t.txt:{line}: ", e.Message);
        Assert.Contains(what, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
