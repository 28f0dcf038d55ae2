// The C# client scenario of build/contract.sh: Generated/TrackerClient.cs comes from NSwag 14.7.1
// (/runtime:Net100, System.Text.Json) run on the live document.
//   dotnet run -- <baseUrl> <adminPassword>
using System.Net.Http.Headers;
using Tracker.Contract.Client;

if (args is not [var baseUrl, var password])
{
    Console.Error.WriteLine("usage: ContractClient <baseUrl> <adminPassword>");
    return 2;
}

using var http = new HttpClient();
// The document's server is "/" (relative to where it was fetched): the scenario says where that is.
var client = new TrackerClient(http) { BaseUrl = baseUrl };

var tokens = await client.LoginAsync(new LoginRequest { Username = "admin", Password = password }, CancellationToken.None);
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
Console.WriteLine($"[cs] signed in as {tokens.User.Username} ({tokens.User.Role}), token expires in {tokens.ExpiresIn} s");

var name = $"C# Contract Knights {DateTime.UtcNow:HHmmssfff}";
var created = await client.CreateTypeAsync(idempotency_Key: Guid.NewGuid().ToString(), new CreateTypeRequest { Name = name, InitialQuantity = 10 }, CancellationToken.None);
Console.WriteLine($"[cs] created \"{created.Name}\": IN_BOX={created.Counts.IN_BOX}");

var moved = await client.MoveMiniaturesAsync(created.Id, if_Match: null, idempotency_Key: null, new MoveMiniaturesRequest { FromStage = Stage.IN_BOX, ToStage = Stage.BUILDING, Qty = 4 }, CancellationToken.None);
Console.WriteLine($"[cs] moved 4 IN_BOX -> BUILDING: IN_BOX={moved.Counts.IN_BOX} BUILDING={moved.Counts.BUILDING}");

var history = await client.GetTypeHistoryAsync(created.Id, cursor: null, limit: 10, CancellationToken.None);
foreach (var group in history.Items)
{
    Console.WriteLine($"[cs] history: {group.FromStage?.ToString() ?? "purchase"} -> {group.ToStage} x{group.Qty} ({group.Entries} entries)");
}

try
{
    await client.CreateTypeAsync(idempotency_Key: null, new CreateTypeRequest { Name = name }, CancellationToken.None);
    Console.Error.WriteLine($"[cs] a second type named \"{name}\" was created; expected 409");
    return 1;
}
catch (ApiException<ProblemDetails> conflict) when (conflict.StatusCode == 409)
{
    var problem = conflict.Result;
    Console.WriteLine($"[cs] duplicate name: {conflict.StatusCode} {problem.Code} ({problem.Title}; traceId {problem.TraceId}, requestId {problem.RequestId})");
    if (!problem.Code.StartsWith("ERR_", StringComparison.Ordinal))
    {
        return 1;
    }
}

Console.WriteLine("[cs] scenario passed");
return 0;
