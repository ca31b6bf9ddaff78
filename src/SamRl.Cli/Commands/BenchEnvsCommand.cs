using System.CommandLine;
using SamRl.Envs.Ale;
using SamRl.Envs.Diagnostics;

namespace SamRl.Cli.Commands;

/// <summary>`samrl bench envs`: frames per second of the built-in Pong, raw and through the full stack, and of ALE, side by side.</summary>
public static class BenchEnvsCommand
{
    public static Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "measured seconds per case (split into interleaved slices)", DefaultValueFactory = _ => 3 };
        var rom = new Option<string?>("--rom") { Description = "ROM for the ALE case (default: pong.bin from ALE_ROMS_DIR or ale-py's roms folder)" };
        var cmd = new Command("envs", "Frames/s of PongEnv (raw, and full preprocessing stack at frame skip 4) and AleEnv, measured side by side in one run.")
        {
            seconds, rom,
        };
        cmd.SetAction(pr =>
        {
            double t = pr.GetValue(seconds);
            if (!(t > 0))
            {
                throw new UsageException("--seconds must be > 0");
            }

            string? romPath = pr.GetValue(rom);
            if (romPath is not null && !File.Exists(romPath))
            {
                throw new UsageException($"--rom: file not found: {romPath}");
            }

            if (romPath is null)
            {
                try
                {
                    romPath = RomLocator.Find("pong");
                }
                catch (FileNotFoundException)
                {
                    romPath = null;
                }
            }

            var results = EnvBenchmark.Run(t, romPath, what => Console.Error.WriteLine($"  {what} ..."));
            BenchmarkResult? ale = results.FirstOrDefault(r => r.Name == "AleEnv" && !r.Skipped && r.What.Contains("screen"));
            Console.WriteLine($"One thread, {Environment.ProcessorCount} cores visible; cases interleaved in slices; frames = emulator frames.");
            Console.WriteLine();
            Console.WriteLine($"| env | what | frames/s | x ALE reference ({PongReference.AleFramesPerSecond:N0} f/s) | x AleEnv this run |");
            Console.WriteLine("|---|---|---|---|---|");
            foreach (BenchmarkResult r in results)
            {
                if (r.Skipped)
                {
                    Console.WriteLine($"| {r.Name} | skipped: {r.SkippedBecause} | - | - | - |");
                    continue;
                }

                string vsAle = ale is null ? "-" : $"{r.FramesPerSecond / ale.FramesPerSecond:F1}";
                Console.WriteLine($"| {r.Name} | {r.What} | {r.FramesPerSecond:N0} | {r.FramesPerSecond / PongReference.AleFramesPerSecond:F1} | {vsAle} |");
            }

            return 0;
        });
        return cmd;
    }
}
