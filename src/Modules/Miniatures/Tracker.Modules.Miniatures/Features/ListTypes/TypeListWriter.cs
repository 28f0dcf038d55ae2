using System.Buffers;
using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Tracker.BuildingBlocks.Persistence;
using Tracker.Modules.Miniatures.Data;
using Tracker.Modules.Miniatures.Domain;
using Tracker.Modules.Miniatures.Features.Shared;

namespace Tracker.Modules.Miniatures.Features.ListTypes;

/// <summary>
/// The full type list straight from the database to JSON: two plain statements (types A–Z, then every count)
/// read with a data reader and written with a <see cref="Utf8JsonWriter"/> into a caller's buffer, the same bytes
/// the serializer makes of a <see cref="TypeListResponse"/> with the host's options. Materialising 6,000 rows
/// through EF Core's query pipeline and 1,000 response records, serializing them, and copying the 200 KB answer
/// into fresh large-object-heap arrays (each one bringing the next full garbage collection closer) was most of the
/// list's CPU time.
/// </summary>
internal static class TypeListWriter
{
    private static Statements? _statements;

    public static async Task WriteAsync(MiniaturesDbContext db, JsonSerializerOptions json, IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        var statements = _statements ??= Statements.For(db);
        var connection = db.Database.GetDbConnection();
        var provider = db.Database.ProviderName;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // Counts first, into a table keyed by type; then the types in order, each written as it is read.
            var counts = new Dictionary<Guid, int[]>(1024);
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = statements.Counts;
                using var span = DatabaseTelemetry.StartCommand(command, provider);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var stageIsShort = reader.GetFieldType(1) == typeof(short);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var typeId = reader.GetGuid(0);
                    if (!counts.TryGetValue(typeId, out var stages))
                    {
                        counts[typeId] = stages = new int[Stages.All.Count];
                    }

                    var stage = stageIsShort ? reader.GetInt16(1) : reader.GetInt32(1);
                    if ((uint)stage < (uint)stages.Length)
                    {
                        stages[stage] = reader.GetInt32(2);
                    }
                }
            }

            await using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = json.Encoder, Indented = json.WriteIndented }))
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = statements.Types;
                using var span = DatabaseTelemetry.StartCommand(command, provider);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                writer.WriteStartObject();
                writer.WriteStartArray(Names.Items);
                var empty = new int[Stages.All.Count];
                while (await reader.ReadAsync(cancellationToken))
                {
                    var id = reader.GetGuid(0);
                    var stages = counts.GetValueOrDefault(id) ?? empty;
                    WriteType(writer, id, reader.GetString(1), statements.ReadCreatedAt(reader, 2), stages);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void WriteType(Utf8JsonWriter writer, Guid id, string name, DateTimeOffset createdAt, int[] stages)
    {
        writer.WriteStartObject();
        writer.WriteString(Names.Id, id);
        writer.WriteString(Names.Name, name);
        writer.WriteStartObject(Names.Counts);
        var total = 0;
        for (var stage = 0; stage < stages.Length; stage++)
        {
            writer.WriteNumber(Names.Stages[stage], stages[stage]);
            total += stages[stage];
        }

        writer.WriteEndObject();
        writer.WriteNumber(Names.Total, total);
        writer.WriteString(Names.CreatedAt, createdAt);
        writer.WriteEndObject();
    }

    /// <summary>Property names as <see cref="TypeResponse"/> is serialized (camelCase, stage constants for counts).</summary>
    private static class Names
    {
        public static readonly JsonEncodedText Items = JsonEncodedText.Encode("items");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
        public static readonly JsonEncodedText Counts = JsonEncodedText.Encode("counts");
        public static readonly JsonEncodedText Total = JsonEncodedText.Encode("total");
        public static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("createdAt");
        public static readonly JsonEncodedText[] Stages = [.. Domain.Stages.All.Select(s => JsonEncodedText.Encode(s.Code()))];
    }

    /// <summary>The two statements for this provider, with table and column names taken from the EF Core model.</summary>
    private sealed class Statements
    {
        private readonly ValueConverter? _createdAt;

        private Statements(string types, string counts, ValueConverter? createdAt)
        {
            Types = types;
            Counts = counts;
            _createdAt = createdAt;
        }

        public string Types { get; }

        public string Counts { get; }

        public static Statements For(MiniaturesDbContext db)
        {
            var sql = db.GetService<ISqlGenerationHelper>();
            var type = db.Model.FindEntityType(typeof(MiniatureType))!;
            var count = db.Model.FindEntityType(typeof(StageCount))!;
            var typeTable = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var countTable = StoreObjectIdentifier.Table(count.GetTableName()!, count.GetSchema());
            string Column(IEntityType entity, StoreObjectIdentifier table, string property) =>
                sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);

            var types = $"SELECT {Column(type, typeTable, nameof(MiniatureType.Id))}, {Column(type, typeTable, nameof(MiniatureType.Name))}, "
                + $"{Column(type, typeTable, nameof(MiniatureType.CreatedAt))} FROM {sql.DelimitIdentifier(typeTable.Name, typeTable.Schema)} "
                + $"ORDER BY {Column(type, typeTable, nameof(MiniatureType.NormalizedName))}";
            var counts = $"SELECT {Column(count, countTable, nameof(StageCount.TypeId))}, {Column(count, countTable, nameof(StageCount.Stage))}, "
                + $"{Column(count, countTable, nameof(StageCount.Count))} FROM {sql.DelimitIdentifier(countTable.Name, countTable.Schema)}";
            var createdAt = type.FindProperty(nameof(MiniatureType.CreatedAt))!;
            return new Statements(types, counts, createdAt.GetValueConverter() ?? createdAt.GetTypeMapping().Converter);
        }

        /// <summary>As EF Core reads it: through the provider's converter where there is one (SQLite stores ticks).</summary>
        public DateTimeOffset ReadCreatedAt(DbDataReader reader, int ordinal) =>
            _createdAt is null
                ? reader.GetFieldValue<DateTimeOffset>(ordinal)
                : (DateTimeOffset)_createdAt.ConvertFromProvider(reader.GetValue(ordinal))!;
    }
}

/// <summary>
/// A growing buffer of arrays rented from the shared pool, returned on dispose: a list written per request then
/// allocates nothing large.
/// </summary>
internal sealed class PooledBufferWriter(int initialCapacity) : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    private int _written;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_written);
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Reserve(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
