using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Tracker.BuildingBlocks.Modules;
using Tracker.IntegrationTests.Infrastructure;
using Tracker.IntegrationTests.Messaging;

namespace Tracker.IntegrationTests.Observability;

/// <summary>
/// What an operator sees, through the host's own OpenTelemetry set-up with in-memory exporters: traces that follow
/// a request from HTTP through the mediator into the database and, through the outbox, into another module's
/// handler; metrics named and united by the conventions; one log line per request, and the request id on every line.
/// </summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private readonly List<Activity> _spans = [];
    private readonly List<MetricSnapshot> _metrics = [];
    private TestDatabase _database = null!;
    private TrackerApp _app = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _app = new TrackerApp(
            _database,
            new Dictionary<string, string?> { ["Telemetry:Enabled"] = "true", ["Serilog:MinimumLevel:Default"] = "Information" },
            services =>
            {
                new ProbeModule().Register(services, new ModuleContext(new ConfigurationBuilder().Build(), new HostingEnvironment(), _database.Options()));
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
                services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics));
            });
        _ = _app.Server;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_move_is_one_trace_from_HTTP_through_the_mediator_into_the_database_and_through_the_outbox_into_the_consumer_without_parameter_values()
    {
        using var admin = await _app.AdminAsync();
        var id = await CreateTypeAsync(admin, "Traced", 10);

        var (response, trace) = await SendTracedAsync(admin, HttpMethod.Post, $"/api/v1/miniatures/types/{id}/move", new { fromStage = "IN_BOX", toStage = "BUILDING", qty = 4 });
        await Http.ExpectAsync(response, HttpStatusCode.OK);

        var spans = await SpansOfTraceAsync(trace, s => s.DisplayName == "deliver MiniaturesMoved" && s.Kind == ActivityKind.Consumer);
        var http = Assert.Single(spans, s => s.Kind == ActivityKind.Server);
        Assert.Equal("/api/v1/miniatures/types/{id}/move", http.GetTagItem("http.route"));
        var mediator = Assert.Single(spans, s => s.Source.Name == "Tracker.Mediator" && s.DisplayName == "MoveMiniaturesCommand");
        Assert.Equal(http.SpanId, mediator.ParentSpanId);
        var commands = spans.Where(s => s.Source.Name == "Tracker.Database").ToList();
        Assert.Contains(commands, c => c.ParentSpanId == mediator.SpanId);
        Assert.All(commands, command =>
        {
            Assert.Equal(ActivityKind.Client, command.Kind);
            Assert.Equal(_database.Provider == BuildingBlocks.Persistence.DatabaseProvider.PostgreSQL ? "postgresql" : "sqlite", command.GetTagItem("db.system"));
            Assert.NotNull(command.GetTagItem("db.operation.name"));

            // Never a parameter value (the type id, the quantity) nor the statement itself.
            Assert.DoesNotContain(command.TagObjects, tag => tag.Value?.ToString()?.Contains(id, StringComparison.OrdinalIgnoreCase) == true);
            Assert.Null(command.GetTagItem("db.query.text"));
            Assert.Null(command.GetTagItem("db.statement"));
        });
        Assert.Contains(commands, c => c.ParentSpanId == mediator.SpanId
            && (string?)c.GetTagItem("db.operation.name") == "UPDATE" && (string?)c.GetTagItem("db.collection.name") == "miniature_types");

        // The event is created under the handler (its outbox row written by the move's own statement or SaveChanges),
        // and its delivery continues the trace into the subscriber's transaction.
        var publish = Assert.Single(spans, s => s.DisplayName == "publish MiniaturesMoved");
        Assert.Equal(ActivityKind.Producer, publish.Kind);
        Assert.Equal(mediator.SpanId, publish.ParentSpanId);
        var deliver = Assert.Single(spans, s => s.DisplayName == "deliver MiniaturesMoved");
        Assert.Equal(publish.SpanId, deliver.ParentSpanId);
        Assert.Equal("miniatures", deliver.GetTagItem("tracker.module"));
        Assert.Contains(commands, c => c.ParentSpanId == deliver.SpanId && (string?)c.GetTagItem("db.collection.name") == "inbox_messages");
    }

    [Fact]
    public async Task A_refused_move_leaves_no_producer_span_in_its_trace()
    {
        using var admin = await _app.AdminAsync();
        var id = await CreateTypeAsync(admin, "Short", 2);

        var (response, trace) = await SendTracedAsync(admin, HttpMethod.Post, $"/api/v1/miniatures/types/{id}/move", new { fromStage = "IN_BOX", toStage = "BUILDING", qty = 3 });
        await Http.ExpectProblemAsync(response, HttpStatusCode.BadRequest, "ERR_INSUFFICIENT_QTY");

        // The server span ends last; the database was asked (the refusal comes from the conditional UPDATE).
        var spans = await SpansOfTraceAsync(trace, s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server);
        Assert.Contains(spans, s => s.Source.Name == "Tracker.Database" && (string?)s.GetTagItem("db.collection.name") == "miniature_types");
        Assert.DoesNotContain(spans, s => s.Kind == ActivityKind.Producer);
    }

    [Fact]
    public async Task An_integration_event_continues_the_trace_of_the_request_that_published_it_into_the_consumer()
    {
        var userId = await _app.CreateUserAsync("traced-worker", "worker");
        using var admin = await _app.AdminAsync();

        var (response, trace) = await SendTracedAsync(admin, HttpMethod.Put, $"/api/v1/identity/users/{userId}/role", new { role = "planner" });
        await Http.ExpectAsync(response, HttpStatusCode.OK);

        var spans = await SpansOfTraceAsync(trace, s => s.DisplayName == "deliver UserRoleChanged" && s.Kind == ActivityKind.Consumer);
        var http = Assert.Single(spans, s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server);
        var mediator = Assert.Single(spans, s => s.Source.Name == "Tracker.Mediator");
        Assert.Equal(http.SpanId, mediator.ParentSpanId);
        // The role's UPDATE and the outbox row's INSERT (one batched command where the provider batches).
        Assert.Contains(spans, s => s.Source.Name == "Tracker.Database" && s.ParentSpanId == mediator.SpanId && (string?)s.GetTagItem("db.operation.name") is "UPDATE" or "INSERT");
        var publish = Assert.Single(spans, s => s.DisplayName == "publish UserRoleChanged");
        Assert.Equal(ActivityKind.Producer, publish.Kind);
        Assert.Equal(mediator.SpanId, publish.ParentSpanId);
        var deliver = Assert.Single(spans, s => s.DisplayName == "deliver UserRoleChanged");
        Assert.Equal(publish.SpanId, deliver.ParentSpanId);

        // The consumer's own work (its inbox, in its module's database) hangs under the delivery.
        Assert.Contains(spans, s => s.Source.Name == "Tracker.Database" && s.ParentSpanId == deliver.SpanId
            && (string?)s.GetTagItem("db.collection.name") == "inbox_messages");
    }

    [Fact]
    public async Task Metrics_carry_conventional_names_units_and_attributes()
    {
        using var admin = await _app.AdminAsync();
        var id = await CreateTypeAsync(admin, "Metered", 20);
        await Http.ExpectAsync(await admin.PostAsJsonAsync($"/api/v1/miniatures/types/{id}/move", new { fromStage = "IN_BOX", toStage = "PAINTING", qty = 7 }), HttpStatusCode.OK);
        await _app.CreateUserAsync("metered-worker", "worker");
        await Task.Delay(200);
        _ = await _app.CreateClient().GetAsync("/health/ready"); // reads the outbox backlog

        _app.Services.GetRequiredService<MeterProvider>().ForceFlush();
        MetricSnapshot[] metrics;
        lock (_metrics)
        {
            metrics = [.. _metrics];
        }

        var moved = metrics.Last(m => m.Name == "tracker.miniatures.moved");
        Assert.Equal("{miniature}", moved.Unit);
        Assert.Contains(Points(moved), p => p.Tags.GetValueOrDefault("tracker.miniatures.from_stage") == "IN_BOX" && p.Tags.GetValueOrDefault("tracker.miniatures.to_stage") == "PAINTING" && p.Point.GetSumLong() >= 7);

        var duration = metrics.Last(m => m.Name == "tracker.mediator.request.duration");
        Assert.Equal("s", duration.Unit);
        Assert.Contains(Points(duration), p => p.Tags.GetValueOrDefault("tracker.request.type") == "MoveMiniaturesCommand" && p.Tags.GetValueOrDefault("tracker.request.outcome") == "success" && p.Point.GetHistogramCount() >= 1);

        var pending = metrics.Last(m => m.Name == "tracker.outbox.pending");
        Assert.Equal("{message}", pending.Unit);
        Assert.Contains(Points(pending), p => p.Tags.GetValueOrDefault("tracker.module") == "identity");
        var lag = metrics.Last(m => m.Name == "tracker.outbox.lag");
        Assert.Equal("s", lag.Unit);
        Assert.Equal("{message}", metrics.Last(m => m.Name == "tracker.outbox.delivered").Unit);
    }

    [Fact]
    public async Task Each_request_writes_one_line_with_its_route_and_every_line_carries_its_request_id()
    {
        using var admin = await _app.AdminAsync();
        var id = await CreateTypeAsync(admin, "Logged", 1);
        var requestId = $"obs-{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/miniatures/types/{id}/move")
        {
            Content = JsonContent.Create(new { fromStage = "IN_BOX", toStage = "BUILDING", qty = 5 }),
        };
        request.Headers.Add("X-Request-Id", requestId);
        var response = await admin.SendAsync(request);
        var problem = await Http.ExpectProblemAsync(response, HttpStatusCode.BadRequest, "ERR_INSUFFICIENT_QTY");

        var text = await _app.LogTextContainingAsync($"\"RequestId\":\"{requestId}\",\"TraceId\"");
        var events = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)
            .Where(e => e.TryGetProperty("RequestId", out var r) && r.GetString() == requestId).ToList();
        var completed = Assert.Single(events, e => e.TryGetProperty("RouteTemplate", out _));
        Assert.Equal("POST", completed.GetProperty("RequestMethod").GetString());
        Assert.Equal("/api/v1/miniatures/types/{id}/move", completed.GetProperty("RouteTemplate").GetString());
        Assert.Equal(400, completed.GetProperty("StatusCode").GetInt32());
        Assert.True(completed.GetProperty("Elapsed").GetDouble() > 0);
        Assert.Matches("^[0-9a-f-]{36}$", completed.GetProperty("UserId").GetString());
        Assert.Equal(problem.GetProperty("traceId").GetString(), completed.GetProperty("TraceId").GetString());

        // The mediator's line about the refused move was written during the request: it carries the id too.
        Assert.Contains(events, e => e.GetProperty("@mt").GetString()!.Contains("failed with", StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => e.TryGetProperty("@l", out var level) && level.GetString() == "Error");
    }

    [Fact]
    public async Task A_name_conflict_is_answered_409_and_not_logged_as_an_error()
    {
        using var admin = await _app.AdminAsync();
        await CreateTypeAsync(admin, "Twice", 1);
        var requestId = $"conflict-{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/miniatures/types") { Content = JsonContent.Create(new { name = "twice" }) };
        request.Headers.Add("X-Request-Id", requestId);
        await Http.ExpectAsync(await admin.SendAsync(request), HttpStatusCode.Conflict);

        var text = await _app.LogTextContainingAsync($"\"RequestId\":\"{requestId}\",\"TraceId\"");
        var lines = text.Split('\n').Where(line => line.Contains(requestId, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lines);
        Assert.DoesNotContain(lines, line => line.Contains("\"@l\":\"Error\"", StringComparison.Ordinal));
    }

    private static async Task<string> CreateTypeAsync(HttpClient admin, string name, int quantity)
    {
        var created = await Http.ReadAsync<JsonElement>(await admin.PostAsJsonAsync("/api/v1/miniatures/types", new { name, initialQuantity = quantity }), HttpStatusCode.Created);
        return created.GetProperty("id").GetString()!;
    }

    /// <summary>Sends with a W3C traceparent of a fresh trace, as a traced client would: the host continues that trace.</summary>
    private static async Task<(HttpResponseMessage Response, string TraceId)> SendTracedAsync(HttpClient client, HttpMethod method, string path, object body)
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return (await client.SendAsync(request), traceId);
    }

    /// <summary>The finished spans of one trace, once one of them satisfies <paramref name="last"/> (spans end asynchronously).</summary>
    private async Task<List<Activity>> SpansOfTraceAsync(string traceId, Func<Activity, bool> last)
    {
        List<Activity> spans = [];
        await Http.EventuallyAsync(
            () =>
            {
                lock (_spans)
                {
                    spans = [.. _spans.Where(s => s.TraceId.ToHexString() == traceId)];
                }

                return Task.FromResult(spans.Any(last));
            },
            $"trace {traceId} has its last span");
        return spans;
    }

    private static List<(MetricPoint Point, Dictionary<string, string?> Tags)> Points(MetricSnapshot metric) =>
        metric.MetricPoints.Select(point =>
        {
            var tags = new Dictionary<string, string?>();
            foreach (var tag in point.Tags)
            {
                tags[tag.Key] = tag.Value?.ToString();
            }

            return (point, tags);
        }).ToList();
}
