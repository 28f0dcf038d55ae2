using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Tracker.BuildingBlocks.Persistence;

/// <summary>
/// An entity's table and column names as the context's model and provider spell them (schema, naming convention,
/// quoting), for the few statements a module writes by hand.
/// </summary>
public sealed class SqlNames
{
    private readonly IEntityType _entity;
    private readonly StoreObjectIdentifier _table;
    private readonly ISqlGenerationHelper _sql;

    private SqlNames(DbContext db, Type entityType)
    {
        _entity = db.Model.FindEntityType(entityType) ?? throw new InvalidOperationException($"{entityType.Name} is not in {db.GetType().Name}'s model.");
        _table = StoreObjectIdentifier.Table(_entity.GetTableName()!, _entity.GetSchema());
        _sql = db.GetService<ISqlGenerationHelper>();
    }

    public static SqlNames Of<TEntity>(DbContext db) => new(db, typeof(TEntity));

    /// <summary>The table, with its schema.</summary>
    public string Table => _sql.DelimitIdentifier(_table.Name, _table.Schema);

    /// <summary>The column of a property (its C# name).</summary>
    public string Column(string property) =>
        _sql.DelimitIdentifier((_entity.FindProperty(property) ?? throw new InvalidOperationException($"{_entity.DisplayName()} has no property {property}."))
            .GetColumnName(_table)!);
}
