public static class Check
{
    public static void Monk3()
    {
        var (train, test) = GateForge.Training.Data.Monk.Generate(3);
        for (var r = 0; r < train.Count; r++)
        {
            float a2 = train[r, 1], a4 = train[r, 3], a5 = train[r, 4];
            if (a2 == 2 && a4 == 0 && a5 == 2) System.Console.WriteLine($"row {r}: label {train.Labels[r]}");
        }
    }
}
