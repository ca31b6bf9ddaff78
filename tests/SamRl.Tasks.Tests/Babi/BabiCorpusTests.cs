using SamRl.Tasks.Babi;

namespace SamRl.Tasks.Tests.Babi;

public sealed class BabiCorpusTests
{
    private static readonly int[] AllTasks = Enumerable.Range(1, 20).ToArray();

    [Fact]
    public void Fixture_loads_all_20_tasks_with_the_counted_sizes_and_no_validation_story_in_training()
    {
        var corpus = BabiCorpus.Load(BabiFixture.Folder, AllTasks);
        var counts = BabiFixture.Counts();
        Assert.Equal(20, corpus.Tasks.Count);
        foreach (var t in corpus.Tasks)
        {
            var c = counts[t.Task];
            Assert.Equal(c[2], t.ValidStoriesRemovedFromTrain);
            Assert.Equal(c[3], t.Train.Count);
            Assert.Equal(c[0] - c[2], t.Train.Stories.Count);
            Assert.Equal(c[4], t.ValidStories);
            Assert.Equal(c[5], t.Valid.Count);
            Assert.Equal(c[6], t.Test.Stories.Count);
            Assert.Equal(c[7], t.Test.Count);
            // No training story is the first validation story (it was in the cut and must be gone).
            var firstValid = t.Valid.Stories[0];
            Assert.DoesNotContain(t.Train.Stories, s => s.Length == firstValid.Length && s.Zip(firstValid).All(p => p.First.SequenceEqual(p.Second)));
            Assert.InRange(t.StorySteps, 1, BabiCorpus.DefaultStoryCap);
        }

        // Every answer is a word of the vocabulary; the padding word is id 0 and never an answer.
        Assert.Equal(BabiVocabulary.PadWord, corpus.Vocabulary.Words[0]);
        Assert.All(corpus.Tasks.SelectMany(t => t.Test.Examples), e => Assert.InRange(e.Answer, 1, corpus.Vocabulary.Count - 1));
        Assert.All(corpus.Tasks.First(t => t.Task == 19).Test.Examples, e => Assert.Contains(',', corpus.Vocabulary.Words[e.Answer]));
    }

    [Fact]
    public void A_batch_lays_out_the_last_sentences_left_aligned_then_the_query()
    {
        var folder = BabiFixture.TempFolder();
        try
        {
            // 75 statements before the question: only the last 70 are kept, the oldest first.
            var lines = Enumerable.Range(1, 75).Select(i => $"{i} w{i} x.").Append("76 Where w3?\tx\t75").ToList();
            lines.AddRange(["1 A b c d.", "2 Who?\ta\t1"]);
            File.WriteAllLines(Path.Combine(folder, "qa1_toy_train.txt"), lines);
            File.WriteAllLines(Path.Combine(folder, "qa1_toy_test.txt"), ["1 A b c d.", "2 Who?\ta\t1"]);
            File.WriteAllLines(Path.Combine(folder, "qa1_valid.txt"), ["1 A b c d.", "2 Who?\ta\t1"]);
            var corpus = BabiCorpus.Load(folder, [1]);
            var t = corpus.Tasks[0];
            Assert.Equal(1, t.ValidStoriesRemovedFromTrain);
            Assert.Equal(70, t.StorySteps);
            Assert.Equal(5, t.Words); // "a b c d ."
            var v = corpus.Vocabulary;
            var batch = t.Train.Batch([0], t.StorySteps, t.Words, v.Count);
            Assert.Equal(71, batch.InputSteps);
            Assert.Equal(5, batch.InputSize);
            Assert.Equal(v["w6"], (int)batch.InputAt(0, 0, 0));
            Assert.Equal(v["x"], (int)batch.InputAt(0, 0, 1));
            Assert.Equal(v["."], (int)batch.InputAt(0, 0, 2));
            Assert.Equal(BabiVocabulary.PadId, (int)batch.InputAt(0, 0, 3));
            Assert.Equal(v["w75"], (int)batch.InputAt(69, 0, 0));
            Assert.Equal([v["where"], v["w3"], v["?"], 0, 0], Enumerable.Range(0, 5).Select(w => (int)batch.InputAt(70, 0, w)));
            Assert.Equal(v["x"], batch.Labels![0]);

            // A short story is padded with id-0 sentences after it, as the reference pads.
            var test = t.Test.Batch([0], t.StorySteps, t.Words, v.Count);
            Assert.Equal(v["a"], (int)test.InputAt(0, 0, 0));
            Assert.All(Enumerable.Range(1, 69), s => Assert.Equal(0f, test.InputAt(s, 0, 0)));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void A_missing_folder_or_file_says_which_and_what_to_pass()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-babi-" + Guid.NewGuid().ToString("N")[..6]);
        var e = Assert.Throws<DirectoryNotFoundException>(() => BabiCorpus.Load(missing, [1]));
        Assert.Contains(missing, e.Message);
        Assert.Contains("--data", e.Message);

        var folder = BabiFixture.TempFolder();
        try
        {
            File.WriteAllLines(Path.Combine(folder, "qa2_x_train.txt"), ["1 A b.", "2 Q?\ta\t1"]);
            var f = Assert.Throws<FileNotFoundException>(() => BabiCorpus.Load(folder, [2]));
            Assert.Contains("qa2_valid.txt", f.Message);
            Assert.Contains("--data", f.Message);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Theory]
    [InlineData("babi", 20)]
    [InlineData("BABI:7", 1)]
    public void Names_select_tasks(string name, int count)
    {
        Assert.True(BabiTask.TryParseName(name, out var tasks));
        Assert.Equal(count, tasks.Length);
    }

    [Theory]
    [InlineData("babi:0")]
    [InlineData("babi:21")]
    [InlineData("babi:x")]
    [InlineData("babi1")]
    public void Bad_names_are_not_babi(string name) => Assert.False(BabiTask.TryParseName(name, out _));
}
