// The scripts' tools (Redocly, Optic, NSwag, the compiler) spend most of this suite's time in single-threaded
// processes, each test on its own scratch copy: two at a time keep both cores of a CI machine busy.
[assembly: LevelOfParallelism(2)]
[assembly: Parallelizable(ParallelScope.Fixtures)]
