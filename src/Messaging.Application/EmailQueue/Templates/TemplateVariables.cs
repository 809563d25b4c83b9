using Fluid;
using Fluid.Ast;

namespace Messaging.EmailQueue.Templates;

/// <summary>
/// Finds the variables a parsed template reads that its payload contract does not carry. Names the template defines
/// itself (<c>assign</c>, <c>capture</c>, a <c>for</c> loop's variable, <c>forloop</c>) are its own; a loop over a list
/// of the payload checks the members its variable reads against the list's items.
/// </summary>
public sealed class TemplateVariables : AstVisitor
{
    // What Liquid answers for any list or text, so reading them is never a mistake.
    private static readonly HashSet<string> BuiltIn = new(StringComparer.Ordinal) { "size", "first", "last", "forloop", "empty", "blank" };

    private readonly List<IReadOnlyList<string>> _paths = [];
    private readonly HashSet<string> _defined = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _loops = new(StringComparer.Ordinal);

    public static IReadOnlyList<string> Unknown(IFluidTemplate template, EmailPayloadContract contract)
    {
        var variables = new TemplateVariables();
        variables.VisitTemplate(template);
        return variables.UnknownIn(contract);
    }

    protected override Expression VisitMemberExpression(MemberExpression memberExpression)
    {
        var path = memberExpression.Segments.TakeWhile(segment => segment is IdentifierSegment).Select(segment => ((IdentifierSegment)segment).Identifier).ToList();
        if (path.Count > 0)
        {
            _paths.Add(path);
        }

        return base.VisitMemberExpression(memberExpression);
    }

    protected override Statement VisitForStatement(ForStatement forStatement)
    {
        _defined.Add(forStatement.Identifier);
        if (forStatement.Source is MemberExpression { Segments: [IdentifierSegment source] })
        {
            _loops[forStatement.Identifier] = source.Identifier;
        }

        return base.VisitForStatement(forStatement);
    }

    protected override Statement VisitAssignStatement(AssignStatement assignStatement)
    {
        _defined.Add(assignStatement.Identifier);
        return base.VisitAssignStatement(assignStatement);
    }

    protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
    {
        _defined.Add(captureStatement.Identifier);
        return base.VisitCaptureStatement(captureStatement);
    }

    private List<string> UnknownIn(EmailPayloadContract contract)
    {
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in _paths)
        {
            var root = path[0];
            if (_loops.TryGetValue(root, out var list) && contract.Members.TryGetValue(list, out var itemMembers) && itemMembers is not null)
            {
                if (path.Count > 1 && !itemMembers.Contains(path[1]) && !BuiltIn.Contains(path[1]))
                {
                    unknown.Add($"{list}[].{path[1]}");
                }
            }
            else if (contract.Members.TryGetValue(root, out var members))
            {
                if (path.Count > 1 && !BuiltIn.Contains(path[1]) && (members is null || !members.Contains(path[1])))
                {
                    unknown.Add($"{root}.{path[1]}");
                }
            }
            else if (!_defined.Contains(root) && !BuiltIn.Contains(root))
            {
                unknown.Add(root);
            }
        }

        return [.. unknown];
    }
}
