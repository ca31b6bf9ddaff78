using SamRl.Envs.Wrappers;

namespace SamRl.Training;

/// <summary>
/// What a checkpoint keeps of an actor so that a resumed run goes on as the same actor: its sampling generator, how
/// many episodes each of its environments has started (the next episode's seed follows from it) and each
/// environment's observation normaliser. Episodes in progress are not kept: a resumed actor starts new ones.
/// </summary>
public sealed record ActorState(int Rank, ulong[] Rng, long[] Episodes, NormalizerState?[] Normalizers);
