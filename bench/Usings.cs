// The namespaces most benchmarks read (timing, invariant formatting, models and their trainer).
global using System.Diagnostics;
global using System.Globalization;
global using GateForge.Training.Models;
global using GateForge.Training.Trainer;
