using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;
using Messaging.EntityFrameworkCore.Messages;
using Messaging.EntityFrameworkCore.SqlServer;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Messaging.EntityFrameworkCore;

/// <summary>
/// SQL Server cannot run here, so Microsoft's own T-SQL parser reads everything the code would send it: the migration
/// script and every raw statement of the data layer that is not written for SQLite or PostgreSQL. The statements are
/// found in the compiled code itself (constants and string literals), so a new one is checked without being listed.
/// </summary>
public partial class SqlServerSyntaxTests
{
    private static readonly Assembly DataLayer = typeof(MessagingDbContext).Assembly;

    [Fact]
    public void MigrationScript_IsValidTSql_DownToTheStatementsItExecutes()
    {
        using var context = new SqlServerMessagingDbContextFactory().CreateDbContext([]);
        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var executed = AssertParses("the idempotent migration script", script);
        // EF Core runs a filtered index through EXEC in an idempotent script; its text is checked like the rest.
        executed.ShouldContain(statement => statement.StartsWith("CREATE UNIQUE INDEX", StringComparison.Ordinal));

        foreach (var (statement, index) in executed.Select((statement, index) => (statement, index)))
        {
            AssertParses($"EXEC string {index} of the migration script", statement);
        }
    }

    [Fact]
    public void EveryRawStatementThatCanReachSqlServer_IsValidTSql()
    {
        var statements = RawStatementsThatCanReachSqlServer();

        foreach (var (origin, sql) in statements)
        {
            AssertParses(origin, sql);
        }
    }

    [Fact]
    public void TheScan_FindsTheSqlServerBatchStoresStatements()
    {
        var found = RawStatementsThatCanReachSqlServer().Select(statement => statement.Sql).ToHashSet();
        var storeConstants = typeof(SqlServerMessageBatchStore).GetFields(BindingFlags.NonPublic | BindingFlags.Static)
            .Where(field => field is { IsLiteral: true } && field.Name.EndsWith("Sql", StringComparison.Ordinal))
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToList();

        storeConstants.Count.ShouldBe(3, "CreateTablesSql, ClearSql and WriteSql");
        storeConstants.ShouldAllBe(statement => found.Contains(statement));
    }

    [Fact]
    public void TheScan_FindsLiteralsInMethodsToo_SuchAsAMigrationsOwnSql()
    {
        var migrationSql = RawStatementsThatCanReachSqlServer()
            .Where(statement => statement.Origin.Contains(".Migrations.SqlServer.", StringComparison.Ordinal))
            .ToList();

        migrationSql.ShouldContain(statement => statement.Sql.StartsWith("UPDATE \"MsgMessages\" SET \"DispatchRank\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("SELECT [Id] FROM WHERE [Id] = 1")]
    [InlineData("SELEC [Id] FROM [T]")]
    [InlineData("INSERT INTO [T] ([A]) VALUES (1) ON CONFLICT DO NOTHING")]
    [InlineData("SELECT [Id] FROM [T] WHERE [Id] = 1 LIMIT 1")]
    [InlineData("DELETE FROM #Batch; DELETE FROM #Inserted WHERE")]
    public void ABrokenStatement_FailsTheCheck(string broken)
    {
        Should.Throw<ShouldAssertException>(() => AssertParses("a deliberately broken statement", broken))
            .Message.ShouldContain("a deliberately broken statement is not valid T-SQL");
    }

    [Fact]
    public void ABrokenBatchStoreStatement_FailsTheCheck()
    {
        var write = (string)typeof(SqlServerMessageBatchStore).GetField("WriteSql", BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;
        var broken = write.Replace("OUTER APPLY (", "OUTER APPLY", StringComparison.Ordinal);

        broken.ShouldNotBe(write);
        Should.Throw<ShouldAssertException>(() => AssertParses("WriteSql without a parenthesis", broken));
    }

    /// <summary>Parses as SQL Server 2022 does with QUOTED_IDENTIFIER on (SqlClient's default); returns the strings it EXECs.</summary>
    private static List<string> AssertParses(string origin, string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        var fragment = parser.Parse(reader, out var errors);

        errors.ShouldBeEmpty($"{origin} is not valid T-SQL:{Environment.NewLine}"
            + string.Join(Environment.NewLine, errors.Select(e => $"  line {e.Line}, column {e.Column}: {e.Message}"))
            + $"{Environment.NewLine}{sql}");
        var executed = new ExecutedStrings();
        fragment.Accept(executed);
        // T-SQL reads a batch's first words as a procedure call when they are no statement: "SELEC 1" parses.
        executed.ImplicitCalls.ShouldBeEmpty($"{origin} is not valid T-SQL: it calls a procedure without EXEC (a misspelled keyword?){Environment.NewLine}{sql}");
        return executed.Statements;
    }

    /// <summary>
    /// Every SQL statement the data layer holds as a constant or a string literal, except in types written for SQLite or
    /// PostgreSQL only (their names say so): SQL Server's stores, its migrations, and any SQL meant for every provider.
    /// </summary>
    private static List<(string Origin, string Sql)> RawStatementsThatCanReachSqlServer() =>
        DataLayer.GetTypes()
            .Where(type => !IsForAnotherProvider(type))
            .SelectMany(type => StringsOf(type).Where(IsSqlStatement).Select(sql => (Origin: type.FullName!, Sql: sql)))
            .Distinct()
            .ToList();

    private static bool IsForAnotherProvider(Type type) =>
        type.FullName!.Contains("Sqlite", StringComparison.Ordinal) || type.FullName.Contains("PostgreSql", StringComparison.Ordinal);

    private static bool IsSqlStatement(string text) => SqlStatementStart().IsMatch(text);

    [GeneratedRegex(@"^\s*(SELECT|INSERT|UPDATE|DELETE|MERGE|CREATE|ALTER|DROP|TRUNCATE|WITH|DECLARE|EXEC|EXECUTE|SET|IF|BEGIN)\s")]
    private static partial Regex SqlStatementStart();

    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance;

    private static IEnumerable<string> StringsOf(Type type)
    {
        foreach (var field in type.GetFields(Declared).Where(field => field.FieldType == typeof(string) && field.IsStatic))
        {
            if (field.IsLiteral)
            {
                yield return (string)field.GetRawConstantValue()!;
            }
            else if (field.IsInitOnly && !type.ContainsGenericParameters && field.GetValue(null) is string value)
            {
                yield return value;
            }
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            foreach (var literal in StringLiterals(method))
            {
                yield return literal;
            }
        }
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .DistinctBy(opCode => opCode.Value)
        .ToDictionary(opCode => opCode.Value);

    /// <summary>The operands of the method's <c>ldstr</c> instructions: its string literals, constants inlined.</summary>
    private static IEnumerable<string> StringLiterals(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
        var offset = 0;
        while (offset < il.Length)
        {
            var opCode = OpCodesByValue[il[offset] == 0xFE ? unchecked((short)(0xFE00 | il[offset + 1])) : il[offset]];
            offset += opCode.Size;
            if (opCode.OperandType == OperandType.InlineString)
            {
                yield return method.Module.ResolveString(BitConverter.ToInt32(il, offset));
            }

            offset += opCode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, offset),
                _ => 4
            };
        }
    }

    /// <summary>The strings an <c>EXEC(N'...')</c> runs, which the parser sees only as literals.</summary>
    private sealed class ExecutedStrings : TSqlFragmentVisitor
    {
        public List<string> Statements { get; } = [];

        public List<string> ImplicitCalls { get; } = [];

        public override void ExplicitVisit(ExecuteStatement node)
        {
            var first = node.ScriptTokenStream[node.FirstTokenIndex];
            if (first.TokenType != TSqlTokenType.Exec && first.TokenType != TSqlTokenType.Execute)
            {
                ImplicitCalls.Add(first.Text);
            }

            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(ExecutableStringList node)
        {
            // EF Core builds some statements from a variable (the name of a default constraint it looked up): a name stands in for it.
            Statements.Add(string.Concat(node.Strings.Select(part => part is StringLiteral literal ? literal.Value : "looked_up_name")));
            base.ExplicitVisit(node);
        }
    }
}
