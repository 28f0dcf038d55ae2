using System.Reflection;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Tracker.BuildingBlocks.Persistence;
using Tracker.IntegrationTests.Infrastructure;

namespace Tracker.IntegrationTests.Persistence;

/// <summary>
/// The one unique-violation check, against the configured provider for real (SQLite or PostgreSQL) and, as no
/// SQL Server runs here, against SQL Server's error numbers.
/// </summary>
public sealed class UniqueViolationTests : IAsyncLifetime
{
    private readonly LogCapture _logs = new();
    private readonly ILoggerFactory _loggerFactory;
    private TestDatabase _database = null!;

    public UniqueViolationTests() =>
        _loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = NewContext();
        await db.Database.EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        _loggerFactory.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_duplicate_in_a_unique_index_is_a_unique_violation_and_is_not_logged_as_an_error()
    {
        await AddAsync(new Widget { Id = 1, Name = "taken" });
        await using var db = NewContext();
        db.Widgets.Add(new Widget { Id = 2, Name = "taken" });

        Assert.False(await db.TrySaveUniqueAsync(CancellationToken.None));

        Assert.Empty(db.ChangeTracker.Entries());
        Assert.DoesNotContain(_logs.Levels, level => level >= LogLevel.Error);
    }

    [Fact]
    public async Task A_duplicate_primary_key_is_a_unique_violation()
    {
        await AddAsync(new Widget { Id = 3, Name = "first" });

        var exception = await Assert.ThrowsAsync<DbUpdateException>(() => AddAsync(new Widget { Id = 3, Name = "second" }));

        Assert.True(exception.IsUniqueViolation());
    }

    [Fact]
    public async Task Other_constraint_failures_are_not_and_still_propagate()
    {
        await using var db = NewContext();
        db.Widgets.Add(new Widget { Id = 4, Name = "negative", Qty = -1 });

        var exception = await Assert.ThrowsAsync<DbUpdateException>(() => db.TrySaveUniqueAsync(CancellationToken.None));

        Assert.False(exception.IsUniqueViolation());
    }

    [Theory]
    [InlineData(2627, true)] // UNIQUE or PRIMARY KEY constraint
    [InlineData(2601, true)] // duplicate key in a unique index
    [InlineData(547, false)] // CHECK or FOREIGN KEY constraint
    [InlineData(1205, false)] // deadlock victim
    public void Sql_server_errors_are_recognised_by_number(int number, bool unique)
    {
        var exception = new DbUpdateException("save failed", SqlServerError(number));

        Assert.Equal(unique, exception.IsUniqueViolation());
    }

    private async Task AddAsync(Widget widget)
    {
        await using var db = NewContext();
        db.Widgets.Add(widget);
        await db.SaveChangesAsync();
    }

    private WidgetDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder()
            .UseModuleDatabase(_database.Provider, _database.Options().ConnectionStringFor("widgets"), "widgets")
            .UseLoggerFactory(_loggerFactory)
            .Options;
        return new WidgetDbContext(options);
    }

    /// <summary>SqlException has no public constructor; build one the way the driver does.</summary>
    private static SqlException SqlServerError(int number)
    {
        const BindingFlags Internal = BindingFlags.NonPublic | BindingFlags.Instance;
        var errorConstructor = typeof(SqlError).GetConstructors(Internal).OrderByDescending(c => c.GetParameters().Length).First();
        var numberGiven = false;
        var error = (SqlError)errorConstructor.Invoke([.. errorConstructor.GetParameters().Select(p => ArgumentFor(p.ParameterType))]);
        var errors = (SqlErrorCollection)Activator.CreateInstance(typeof(SqlErrorCollection), nonPublic: true)!;
        typeof(SqlErrorCollection).GetMethod("Add", Internal)!.Invoke(errors, [error]);
        var create = typeof(SqlException).GetMethod("CreateException", BindingFlags.NonPublic | BindingFlags.Static, [typeof(SqlErrorCollection), typeof(string)])!;
        return (SqlException)create.Invoke(null, [errors, "16.0"])!;

        object? ArgumentFor(Type type)
        {
            // The first int is the error number (infoNumber); the rest are positions and states.
            if (type == typeof(int) && !numberGiven)
            {
                numberGiven = true;
                return number;
            }

            return type == typeof(string) ? "test" : type.IsValueType ? Activator.CreateInstance(type) : null;
        }
    }

    private sealed class Widget
    {
        public int Id { get; set; }

        public string Name { get; set; } = string.Empty;

        public int Qty { get; set; }
    }

    private sealed class WidgetDbContext(DbContextOptions options) : DbContext(options)
    {
        public DbSet<Widget> Widgets => Set<Widget>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            var widget = modelBuilder.Entity<Widget>();
            widget.ToTable("widgets", t => t.HasCheckConstraint("ck_widgets_qty", "qty >= 0"));
            widget.Property(w => w.Id).ValueGeneratedNever();
            widget.HasIndex(w => w.Name).IsUnique();
        }
    }

    private sealed class LogCapture : ILoggerProvider
    {
        private readonly List<LogLevel> _levels = [];

        public IReadOnlyList<LogLevel> Levels
        {
            get
            {
                lock (_levels)
                {
                    return [.. _levels];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(LogCapture capture) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (capture._levels)
                {
                    capture._levels.Add(logLevel);
                }
            }
        }
    }
}
