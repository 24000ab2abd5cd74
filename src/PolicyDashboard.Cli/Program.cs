Console.WriteLine("policydash");
