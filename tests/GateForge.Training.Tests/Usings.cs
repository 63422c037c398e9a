// The namespaces nearly every test of training, checkpoints and freezing reads.
global using GateForge.TestKit;
global using GateForge.Training.Checkpoints;
global using GateForge.Training.Data;
global using GateForge.Training.Freeze;
global using GateForge.Training.Models;
global using GateForge.Training.Trainer;
