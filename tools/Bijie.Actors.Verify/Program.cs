using Bijie.Actors.Verify;

return await VerifyCommand.RunAsync(args, Console.Out, Console.Error);
