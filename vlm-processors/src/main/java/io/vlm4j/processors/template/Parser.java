package io.vlm4j.processors.template;

import io.vlm4j.TemplateException;
import io.vlm4j.processors.template.Lexer.Token;
import io.vlm4j.processors.template.Lexer.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Jinja2 3.1.2's parser for HF's environment (its statements, {@code break}/{@code continue} of
 * {@code loopcontrols}, {@code generation} of HF's {@code AssistantTracker}), with the compile-time checks of
 * jinja2's code generator: unknown filters and tests outside {@code if}/conditional expressions, duplicate blocks,
 * {@code loop} as a loop target, {@code extends} outside the top level, {@code break} outside a loop (Python's
 * {@code SyntaxError}). One instance per compile.
 */
final class Parser {
    private static final Set<String> STATEMENT_KEYWORDS = Set.of("for", "if", "block", "extends", "print", "macro",
            "include", "from", "import", "set", "with", "autoescape");
    private static final Set<String> COMPARE_OPS = Set.of("==", "!=", "<", "<=", ">", ">=");

    /** Names a macro body or loop body is watched for (jinja2's {@code find_undeclared}). */
    private static final class Usage {
        final Set<String> watch;
        final Set<String> used = new HashSet<>();
        final boolean barrier;

        Usage(boolean barrier, String... names) {
            this.barrier = barrier;
            this.watch = new HashSet<>(List.of(names));
        }
    }

    private final List<Token> tokens;
    private final int maxNesting;
    private int pos;
    private final Deque<String> tagStack = new ArrayDeque<>();
    private final Deque<String[]> endTokenStack = new ArrayDeque<>();
    private final Deque<Usage> usages = new ArrayDeque<>();
    private final Map<String, Stmt.Block> blocks = new LinkedHashMap<>();
    private boolean soft;
    private int loopDepth;
    private boolean topLevel = true;
    private int nesting;
    private TemplateException assertionError;
    private TemplateException pythonSyntaxError;

    private Parser(List<Token> tokens, int maxNesting) {
        this.tokens = tokens;
        this.maxNesting = maxNesting;
    }

    /** The parsed template: its body and blocks. */
    static final class Result {
        final Stmt[] body;
        final Map<String, Stmt.Block> blocks;

        Result(Stmt[] body, Map<String, Stmt.Block> blocks) {
            this.body = body;
            this.blocks = blocks;
        }
    }

    static Result parse(String source, int maxNesting) {
        Parser p = new Parser(Lexer.tokenize(source), maxNesting);
        Stmt[] body = p.subparse(null);
        if (p.assertionError != null) {
            throw p.assertionError;
        }
        if (p.pythonSyntaxError != null) {
            throw p.pythonSyntaxError;
        }
        return new Result(body, p.blocks);
    }

    // ---- stream

    private Token current() {
        return tokens.get(pos);
    }

    private Token look() {
        return tokens.get(Math.min(pos + 1, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (pos < tokens.size() - 1) {
            pos++;
        }
        return t;
    }

    private boolean skipOp(String op) {
        if (current().isOp(op)) {
            next();
            return true;
        }
        return false;
    }

    private boolean skipName(String name) {
        if (current().isName(name)) {
            next();
            return true;
        }
        return false;
    }

    private TemplateException fail(String message, int line) {
        return Lexer.syntaxError(message, line);
    }

    private static String describeExpr(String expr) {
        if (expr.startsWith("name:")) {
            return expr.substring(5);
        }
        switch (expr) {
            case "block_end":
                return "end of statement block";
            case "variable_end":
                return "end of print statement";
            case "name":
                return "name";
            default:
                return expr;
        }
    }

    private boolean test(Token t, String expr) {
        if (expr.startsWith("name:")) {
            return t.isName(expr.substring(5));
        }
        switch (expr) {
            case "block_end":
                return t.type == Type.BLOCK_END;
            case "variable_end":
                return t.type == Type.VARIABLE_END;
            case "name":
                return t.type == Type.NAME;
            case "string":
                return t.type == Type.STRING;
            case "integer":
                return t.type == Type.INTEGER;
            default:
                return t.type == Type.OPERATOR && expr.equals(t.value);
        }
    }

    private boolean testAny(Token t, String... exprs) {
        for (String e : exprs) {
            if (test(t, e)) {
                return true;
            }
        }
        return false;
    }

    private Token expect(String expr) {
        Token t = current();
        if (!test(t, expr)) {
            if (t.type == Type.EOF) {
                throw fail("unexpected end of template, expected " + Py.repr(describeExpr(expr)) + ".", t.line);
            }
            throw fail("expected token " + Py.repr(describeExpr(expr)) + ", got " + Py.repr(t.describe()), t.line);
        }
        return next();
    }

    private void enter(int line) {
        if (++nesting > maxNesting) {
            throw new TemplateException(Render.RECURSION_ERROR, "maximum recursion depth exceeded while parsing"
                    + " (nesting deeper than " + maxNesting + " levels, line " + line + ")");
        }
    }

    private void exit() {
        nesting--;
    }

    // ---- name usage tracking

    private Expr.Name load(Token t) {
        String n = (String) t.value;
        for (Usage u : usages) {
            if (u.watch.contains(n)) {
                u.used.add(n);
            }
            if (u.barrier) {
                break;
            }
        }
        return new Expr.Name(t.line, n);
    }

    private void stored(Expr target) {
        if (target instanceof Expr.Name) {
            String n = ((Expr.Name) target).name;
            for (Usage u : usages) {
                if (!u.used.contains(n)) {
                    u.watch.remove(n);
                }
                if (u.barrier) {
                    break;
                }
            }
        } else if (target instanceof Expr.TupleLit) {
            for (Expr e : ((Expr.TupleLit) target).items) {
                stored(e);
            }
        }
    }

    // ---- statements

    private Stmt[] subparse(String[] endTokens) {
        List<Stmt> body = new ArrayList<>();
        List<Object> data = new ArrayList<>();
        int dataLine = 0;
        if (endTokens != null) {
            endTokenStack.push(endTokens);
        }
        try {
            while (current().type != Type.EOF) {
                Token t = current();
                if (t.type == Type.DATA) {
                    if (data.isEmpty()) {
                        dataLine = t.line;
                    }
                    addData(data, t.value);
                    next();
                } else if (t.type == Type.VARIABLE_BEGIN) {
                    next();
                    if (data.isEmpty()) {
                        dataLine = t.line;
                    }
                    addData(data, foldOutput(parseTuple(false, true, null, false)));
                    expect("variable_end");
                } else if (t.type == Type.BLOCK_BEGIN) {
                    flush(body, data, dataLine);
                    next();
                    if (endTokens != null && testAny(current(), endTokens)) {
                        return body.toArray(Stmt.EMPTY);
                    }
                    Stmt st = parseStatement();
                    if (st != null) {
                        body.add(st);
                    }
                    expect("block_end");
                } else {
                    throw new IllegalStateException("internal parsing error at " + t.describe());
                }
            }
            flush(body, data, dataLine);
        } finally {
            if (endTokens != null) {
                endTokenStack.pop();
            }
        }
        return body.toArray(Stmt.EMPTY);
    }

    private static void addData(List<Object> data, Object part) {
        if (part instanceof String && !data.isEmpty() && data.get(data.size() - 1) instanceof String) {
            data.set(data.size() - 1, data.get(data.size() - 1) + (String) part);
            return;
        }
        data.add(part);
    }

    private static void flush(List<Stmt> body, List<Object> data, int line) {
        if (!data.isEmpty()) {
            body.add(new Stmt.Output(line, data.toArray()));
            data.clear();
        }
    }

    private Stmt[] parseStatements(String[] endTokens, boolean dropNeedle) {
        skipOp(":");
        expect("block_end");
        Stmt[] result = subparse(endTokens);
        if (current().type == Type.EOF) {
            failEof(endTokens, current().line);
        }
        if (dropNeedle) {
            next();
        }
        return result;
    }

    private void failEof(String[] endTokens, int line) {
        List<String[]> stack = new ArrayList<>();
        for (java.util.Iterator<String[]> it = endTokenStack.descendingIterator(); it.hasNext(); ) {
            stack.add(it.next());
        }
        if (endTokens != null) {
            stack.add(endTokens);
        }
        failUnknownTag(null, stack, line);
    }

    private void failUnknownTag(String name, List<String[]> stack, int line) {
        Set<String> expected = new HashSet<>();
        for (String[] exprs : stack) {
            for (String e : exprs) {
                expected.add(describeExpr(e));
            }
        }
        String looking = null;
        if (!stack.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (String e : stack.get(stack.size() - 1)) {
                parts.add(Py.repr(describeExpr(e)));
            }
            looking = String.join(" or ", parts);
        }
        StringBuilder m = new StringBuilder(name == null ? "Unexpected end of template."
                : "Encountered unknown tag " + Py.repr(name) + ".");
        if (looking != null) {
            if (name != null && expected.contains(name)) {
                m.append(" You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for ")
                        .append(looking).append('.');
            } else {
                m.append(" Jinja was looking for the following tags: ").append(looking).append('.');
            }
        }
        if (!tagStack.isEmpty()) {
            m.append(" The innermost block that needs to be closed is ").append(Py.repr(tagStack.peek())).append('.');
        }
        throw fail(m.toString(), line);
    }

    private Stmt parseStatement() {
        Token t = current();
        if (t.type != Type.NAME) {
            throw fail("tag name expected", t.line);
        }
        String name = (String) t.value;
        enter(t.line);
        tagStack.push(name);
        boolean popTag = true;
        try {
            if (STATEMENT_KEYWORDS.contains(name)) {
                switch (name) {
                    case "for":
                        return parseFor();
                    case "if":
                        return parseIf();
                    case "block":
                        return parseBlock();
                    case "extends":
                        return parseExtends();
                    case "print":
                        return parsePrint();
                    case "macro":
                        return parseMacro();
                    case "include":
                        return parseInclude();
                    case "from":
                        return parseFrom();
                    case "import":
                        return parseImport();
                    case "set":
                        return parseSet();
                    case "with":
                        return parseWith();
                    default:
                        return parseAutoescape();
                }
            }
            if (name.equals("call")) {
                return parseCallBlock();
            }
            if (name.equals("filter")) {
                return parseFilterBlock();
            }
            if (name.equals("break") || name.equals("continue")) {
                next();
                if (loopDepth == 0 && pythonSyntaxError == null) {
                    pythonSyntaxError = new TemplateException("SyntaxError", Py.repr(name) + " "
                            + (name.equals("break") ? "outside loop" : "not properly in loop") + " (line " + t.line
                            + ")");
                }
                return name.equals("break") ? new Stmt.Break(t.line) : new Stmt.Continue(t.line);
            }
            if (name.equals("generation")) {
                return parseGeneration();
            }
            tagStack.pop();
            popTag = false;
            List<String[]> stack = new ArrayList<>();
            for (java.util.Iterator<String[]> it = endTokenStack.descendingIterator(); it.hasNext(); ) {
                stack.add(it.next());
            }
            failUnknownTag(name, stack, t.line);
            return null;
        } finally {
            if (popTag) {
                tagStack.pop();
            }
            exit();
        }
    }

    /** Parses a body in an inner frame (not soft), optionally as a separate Python function. */
    private Stmt[] innerBody(String[] endTokens, boolean function) {
        boolean oldSoft = soft;
        int oldLoop = loopDepth;
        boolean oldTop = topLevel;
        soft = false;
        topLevel = false;
        if (function) {
            loopDepth = 0;
        }
        try {
            return parseStatements(endTokens, true);
        } finally {
            soft = oldSoft;
            loopDepth = oldLoop;
            topLevel = oldTop;
        }
    }

    private Stmt parseFor() {
        int line = expect("name:for").line;
        Expr target = parseAssignTarget(true, false, new String[] {"name:in"}, false);
        if (containsLoop(target) && assertionError == null) {
            assertionError = fail("Can't assign to special loop variable in for-loop target", line);
        }
        expect("name:in");
        Expr iter = parseTuple(false, false, new String[] {"name:recursive"}, false);
        Expr test = null;
        boolean oldSoft = soft;
        boolean oldTop = topLevel;
        if (skipName("if")) {
            soft = false;
            test = parseExpression(true);
            soft = oldSoft;
        }
        boolean recursive = skipName("recursive");
        Usage usage = new Usage(false, "loop");
        usages.push(usage);
        Stmt[] body;
        int oldLoop = loopDepth;
        soft = false;
        topLevel = false;
        loopDepth++;
        try {
            body = parseStatements(new String[] {"name:endfor", "name:else"}, false);
        } finally {
            usages.pop();
            loopDepth = oldLoop;
            soft = oldSoft;
            topLevel = oldTop;
        }
        Stmt[] orElse;
        if (((String) next().value).equals("endfor")) {
            orElse = Stmt.EMPTY;
        } else {
            soft = false;
            topLevel = false;
            try {
                orElse = parseStatements(new String[] {"name:endfor"}, true);
            } finally {
                soft = oldSoft;
                topLevel = oldTop;
            }
        }
        return new Stmt.For(line, target, iter, body, orElse, test, recursive, usage.used.contains("loop"));
    }

    private static boolean containsLoop(Expr target) {
        if (target instanceof Expr.Name) {
            return ((Expr.Name) target).name.equals("loop");
        }
        if (target instanceof Expr.TupleLit) {
            for (Expr e : ((Expr.TupleLit) target).items) {
                if (containsLoop(e)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Stmt parseIf() {
        int line = expect("name:if").line;
        boolean oldSoft = soft;
        soft = true;
        try {
            List<Expr> tests = new ArrayList<>();
            List<Stmt[]> bodies = new ArrayList<>();
            Stmt[] orElse = Stmt.EMPTY;
            while (true) {
                tests.add(parseTuple(false, false, null, false));
                bodies.add(parseStatements(new String[] {"name:elif", "name:else", "name:endif"}, false));
                Token t = next();
                if (t.isName("elif")) {
                    continue;
                }
                if (t.isName("else")) {
                    orElse = parseStatements(new String[] {"name:endif"}, true);
                }
                break;
            }
            return new Stmt.If(line, tests.toArray(new Expr[0]), bodies.toArray(new Stmt[0][]), orElse);
        } finally {
            soft = oldSoft;
        }
    }

    private Stmt parseBlock() {
        int line = next().line;
        String name = (String) expect("name").value;
        boolean scoped = skipName("scoped");
        boolean required = skipName("required");
        if (current().isOp("-")) {
            throw fail("Block names in Jinja have to be valid Python identifiers and may not contain hyphens, use an"
                    + " underscore instead.", current().line);
        }
        usages.push(new Usage(true));
        Stmt[] body;
        try {
            body = innerBody(new String[] {"name:endblock"}, true);
        } finally {
            usages.pop();
        }
        if (required) {
            for (Stmt st : body) {
                boolean ok = st instanceof Stmt.Output;
                if (ok) {
                    for (Object part : ((Stmt.Output) st).parts) {
                        ok &= part instanceof String && PyStrings.all((String) part, PyStrings::isSpace);
                    }
                }
                if (!ok) {
                    throw fail("Required blocks can only contain comments or whitespace", current().line);
                }
            }
        }
        skipName(name);
        Stmt.Block block = new Stmt.Block(line, name, scoped, body);
        if (blocks.containsKey(name)) {
            if (assertionError == null) {
                assertionError = fail("block " + Py.repr(name) + " defined twice", line);
            }
        } else {
            blocks.put(name, block);
        }
        return block;
    }

    private Stmt parseExtends() {
        int line = next().line;
        Expr template = parseExpression(true);
        if (!topLevel && assertionError == null) {
            assertionError = fail("cannot use extend from a non top-level scope", line);
        }
        return new Stmt.LoadTemplate(line, template);
    }

    private void parseImportContext() {
        if ((current().isName("with") || current().isName("without")) && look().isName("context")) {
            next();
            next();
        }
    }

    private Stmt parseInclude() {
        int line = next().line;
        Expr template = parseExpression(true);
        if (current().isName("ignore") && look().isName("missing")) {
            next();
            next();
        }
        parseImportContext();
        return new Stmt.LoadTemplate(line, template);
    }

    private Stmt parseImport() {
        int line = next().line;
        Expr template = parseExpression(true);
        expect("name:as");
        Token target = expect("name");
        stored(new Expr.Name(target.line, (String) target.value));
        parseImportContext();
        return new Stmt.LoadTemplate(line, template);
    }

    private Stmt parseFrom() {
        int line = next().line;
        Expr template = parseExpression(true);
        expect("name:import");
        boolean any = false;
        while (true) {
            if (any) {
                expect(",");
            }
            if (current().type == Type.NAME) {
                if ((current().isName("with") || current().isName("without")) && look().isName("context")) {
                    next();
                    next();
                    break;
                }
                Token target = expect("name");
                if (((String) target.value).startsWith("_") && assertionError == null) {
                    assertionError = fail("names starting with an underline can not be imported", target.line);
                }
                if (skipName("as")) {
                    expect("name");
                }
                any = true;
                if ((current().isName("with") || current().isName("without")) && look().isName("context")) {
                    next();
                    next();
                    break;
                }
                if (!current().isOp(",")) {
                    break;
                }
            } else {
                expect("name");
            }
        }
        return new Stmt.LoadTemplate(line, template);
    }

    private Expr.Name[] parseSignature(List<Expr> defaults) {
        List<Expr.Name> args = new ArrayList<>();
        expect("(");
        while (!current().isOp(")")) {
            if (!args.isEmpty()) {
                expect(",");
            }
            Token t = expect("name");
            Expr.Name arg = new Expr.Name(t.line, (String) t.value);
            if (skipOp("=")) {
                defaults.add(parseExpression(true));
            } else if (!defaults.isEmpty()) {
                throw fail("non-default argument follows default argument", current().line);
            }
            args.add(arg);
        }
        expect(")");
        return args.toArray(new Expr.Name[0]);
    }

    private MacroDef macroBody(int line, String name, Expr.Name[] args, List<Expr> defaults, String[] endTokens) {
        Usage usage = new Usage(false, "caller", "kwargs", "varargs");
        usages.push(usage);
        Stmt[] body;
        try {
            body = innerBody(endTokens, true);
        } finally {
            usages.pop();
        }
        String[] names = new String[args.length];
        boolean explicitCaller = false;
        int callerIndex = -1;
        Set<String> params = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            names[i] = args[i].name;
            params.add(names[i]);
            if (names[i].equals("caller")) {
                explicitCaller = true;
                callerIndex = i;
            }
        }
        boolean usesCaller = usage.used.contains("caller");
        if (usesCaller && explicitCaller && callerIndex < args.length - defaults.size() && assertionError == null) {
            assertionError = fail("When defining macros or call blocks the special \"caller\" argument must be"
                    + " omitted or be given a default.", line);
        }
        boolean catchKwargs = usage.used.contains("kwargs") && !params.contains("kwargs");
        boolean catchVarargs = usage.used.contains("varargs") && !params.contains("varargs");
        return new MacroDef(name, names, defaults.toArray(new Expr[0]), body, usesCaller, catchVarargs, catchKwargs);
    }

    private Stmt parseMacro() {
        int line = next().line;
        Token nameTok = expect("name");
        String name = (String) nameTok.value;
        stored(new Expr.Name(nameTok.line, name));
        List<Expr> defaults = new ArrayList<>();
        boolean oldSoft = soft;
        soft = false;
        Expr.Name[] args;
        try {
            args = parseSignature(defaults);
        } finally {
            soft = oldSoft;
        }
        MacroDef def = macroBody(line, name, args, defaults, new String[] {"name:endmacro"});
        return new Stmt.MacroStmt(line, def);
    }

    private Stmt parseCallBlock() {
        int line = next().line;
        List<Expr> defaults = new ArrayList<>();
        Expr.Name[] args = new Expr.Name[0];
        if (current().isOp("(")) {
            boolean oldSoft = soft;
            soft = false;
            try {
                args = parseSignature(defaults);
            } finally {
                soft = oldSoft;
            }
        }
        Expr call = parseExpression(true);
        if (!(call instanceof Expr.Call)) {
            throw fail("expected call", line);
        }
        MacroDef caller = macroBody(line, "caller", args, defaults, new String[] {"name:endcall"});
        return new Stmt.CallBlock(line, caller, (Expr.Call) call);
    }

    private Stmt parseFilterBlock() {
        int line = next().line;
        boolean oldSoft = soft;
        soft = false;
        Expr.Filter filter;
        try {
            filter = (Expr.Filter) parseFilter(null, true);
        } finally {
            soft = oldSoft;
        }
        Stmt[] body = innerBody(new String[] {"name:endfilter"}, false);
        return new Stmt.FilterBlock(line, filter, body);
    }

    private Stmt parseGeneration() {
        int line = next().line;
        Stmt[] body = innerBody(new String[] {"name:endgeneration"}, true);
        return new Stmt.Generation(line, body);
    }

    private Stmt parsePrint() {
        int line = next().line;
        List<Object> parts = new ArrayList<>();
        while (current().type != Type.BLOCK_END) {
            if (!parts.isEmpty()) {
                expect(",");
            }
            parts.add(foldOutput(parseExpression(true)));
        }
        return new Stmt.Output(line, parts.toArray());
    }

    private Stmt parseSet() {
        int line = next().line;
        Expr target = parseAssignTarget(true, false, null, true);
        if (skipOp("=")) {
            Expr value = parseTuple(false, true, null, false);
            stored(target);
            return new Stmt.Assign(line, target, value);
        }
        boolean oldSoft = soft;
        soft = false;
        Expr filter;
        try {
            filter = parseFilter(null, false);
        } finally {
            soft = oldSoft;
        }
        Stmt[] body = innerBody(new String[] {"name:endset"}, false);
        stored(target);
        return new Stmt.AssignBlock(line, target, (Expr.Filter) filter, body);
    }

    private Stmt parseWith() {
        int line = next().line;
        List<Expr> targets = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (current().type != Type.BLOCK_END) {
            if (!targets.isEmpty()) {
                expect(",");
            }
            Expr target = parseAssignTarget(true, false, null, false);
            targets.add(target);
            expect("=");
            values.add(parseExpression(true));
        }
        Stmt[] body = innerBody(new String[] {"name:endwith"}, false);
        return new Stmt.With(line, targets.toArray(new Expr[0]), values.toArray(new Expr[0]), body);
    }

    private Stmt parseAutoescape() {
        int line = next().line;
        Expr value = parseExpression(true);
        Stmt[] body = innerBody(new String[] {"name:endautoescape"}, false);
        return new Stmt.Autoescape(line, value, body);
    }

    // ---- assignment targets

    private Expr parseAssignTarget(boolean withTuple, boolean nameOnly, String[] extraEndRules,
            boolean withNamespace) {
        Expr target;
        if (withNamespace && look().isOp(".")) {
            Token t = expect("name");
            next();
            Token attr = expect("name");
            target = new Expr.NsRef(t.line, (String) t.value, (String) attr.value);
        } else if (nameOnly) {
            Token t = expect("name");
            target = new Expr.Name(t.line, (String) t.value);
        } else {
            if (withTuple) {
                target = parseTuple(true, true, extraEndRules, false);
            } else {
                target = parsePrimary();
            }
        }
        if (!target.assignable()) {
            throw fail("can't assign to " + Py.repr(nodeName(target)), target.line);
        }
        return target;
    }

    private static String nodeName(Expr e) {
        if (e instanceof Expr.Const) {
            return "const";
        }
        if (e instanceof Expr.TupleLit) {
            return "tuple";
        }
        if (e instanceof Expr.ListLit) {
            return "list";
        }
        if (e instanceof Expr.DictLit) {
            return "dict";
        }
        return e.getClass().getSimpleName().toLowerCase();
    }

    // ---- constant folding (jinja2's optimizer)

    private Scope foldScope;

    private Object constValue(Expr e) {
        if (foldScope == null) {
            foldScope = Scope.root(Render.folding(), new java.util.HashMap<>());
        }
        return e.eval(foldScope.child());
    }

    /**
     * jinja2's optimizer: a constant expression whose value can be written as a literal becomes that literal,
     * evaluated as {@code as_const} evaluates (a slice of a constant through the sandbox's getitem). A failure
     * leaves the expression to fail at render time.
     */
    private Expr fold(Expr e) {
        if (e instanceof Expr.Const || !e.constant()) {
            return e;
        }
        try {
            Object v = constValue(e);
            return Expr.Const.safeRepr(v) ? new Expr.Const(e.line, v) : e;
        } catch (TemplateException | Expr.NotConstant | StackOverflowError ex) {
            return e;
        }
    }

    /** An output's constant child is evaluated at compile time whatever its value (str() of it is printed). */
    private Expr foldOutput(Expr e) {
        if (e instanceof Expr.Const || !e.constant()) {
            return e;
        }
        try {
            return new Expr.Const(e.line, constValue(e));
        } catch (TemplateException | Expr.NotConstant | StackOverflowError ex) {
            return e;
        }
    }

    // ---- expressions

    private Expr parseExpression(boolean withCondexpr) {
        return withCondexpr ? parseCondexpr() : parseOr();
    }

    private Expr parseCondexpr() {
        int line = current().line;
        Expr expr1 = parseOr();
        while (skipName("if")) {
            boolean oldSoft = soft;
            soft = true;
            try {
                Expr expr2 = parseOr();
                Expr expr3 = null;
                if (skipName("else")) {
                    expr3 = parseCondexpr();
                }
                expr1 = fold(new Expr.CondExpr(line, expr2, expr1, expr3));
            } finally {
                soft = oldSoft;
            }
            line = current().line;
        }
        return expr1;
    }

    private Expr parseOr() {
        int line = current().line;
        Expr left = parseAnd();
        while (skipName("or")) {
            Expr right = parseAnd();
            left = fold(new Expr.Or(line, left, right));
            line = current().line;
        }
        return left;
    }

    private Expr parseAnd() {
        int line = current().line;
        Expr left = parseNot();
        while (skipName("and")) {
            Expr right = parseNot();
            left = fold(new Expr.And(line, left, right));
            line = current().line;
        }
        return left;
    }

    private Expr parseNot() {
        if (current().isName("not")) {
            int line = next().line;
            enter(line);
            try {
                return fold(new Expr.Unary(line, '!', parseNot()));
            } finally {
                exit();
            }
        }
        return parseCompare();
    }

    private Expr parseCompare() {
        int line = current().line;
        Expr expr = parseMath1();
        List<String> ops = new ArrayList<>();
        List<Expr> operands = new ArrayList<>();
        while (true) {
            Token t = current();
            if (t.type == Type.OPERATOR && COMPARE_OPS.contains((String) t.value)) {
                next();
                ops.add((String) t.value);
                operands.add(parseMath1());
            } else if (skipName("in")) {
                ops.add("in");
                operands.add(parseMath1());
            } else if (t.isName("not") && look().isName("in")) {
                next();
                next();
                ops.add("notin");
                operands.add(parseMath1());
            } else {
                break;
            }
            line = current().line;
        }
        if (ops.isEmpty()) {
            return expr;
        }
        return fold(new Expr.Compare(line, expr, ops.toArray(new String[0]), operands.toArray(new Expr[0])));
    }

    private Expr parseMath1() {
        int line = current().line;
        Expr left = parseConcat();
        while (current().isOp("+") || current().isOp("-")) {
            String op = (String) next().value;
            Expr right = parseConcat();
            left = fold(new Expr.Binary(line, op, left, right));
            line = current().line;
        }
        return left;
    }

    private Expr parseConcat() {
        int line = current().line;
        List<Expr> args = new ArrayList<>();
        args.add(parseMath2());
        while (current().isOp("~")) {
            next();
            args.add(parseMath2());
        }
        if (args.size() == 1) {
            return args.get(0);
        }
        return fold(new Expr.Concat(line, args.toArray(new Expr[0])));
    }

    private Expr parseMath2() {
        int line = current().line;
        Expr left = parsePow();
        while (current().isOp("*") || current().isOp("/") || current().isOp("//") || current().isOp("%")) {
            String op = (String) next().value;
            Expr right = parsePow();
            left = fold(new Expr.Binary(line, op, left, right));
            line = current().line;
        }
        return left;
    }

    private Expr parsePow() {
        int line = current().line;
        Expr left = parseUnary(true);
        while (current().isOp("**")) {
            next();
            Expr right = parseUnary(true);
            left = fold(new Expr.Binary(line, "**", left, right));
            line = current().line;
        }
        return left;
    }

    private Expr parseUnary(boolean withFilter) {
        Token t = current();
        int line = t.line;
        Expr node;
        enter(line);
        try {
            if (t.isOp("-")) {
                next();
                node = fold(new Expr.Unary(line, '-', parseUnary(false)));
            } else if (t.isOp("+")) {
                next();
                node = fold(new Expr.Unary(line, '+', parseUnary(false)));
            } else {
                node = parsePrimary();
            }
            node = parsePostfix(node);
            if (withFilter) {
                node = parseFilterExpr(node);
            }
            return node;
        } finally {
            exit();
        }
    }

    private Expr parsePrimary() {
        Token t = current();
        if (t.type == Type.NAME) {
            next();
            String v = (String) t.value;
            switch (v) {
                case "true":
                case "True":
                    return new Expr.Const(t.line, Boolean.TRUE);
                case "false":
                case "False":
                    return new Expr.Const(t.line, Boolean.FALSE);
                case "none":
                case "None":
                    return new Expr.Const(t.line, null);
                default:
                    return load(t);
            }
        }
        if (t.type == Type.STRING) {
            next();
            StringBuilder b = new StringBuilder((String) t.value);
            while (current().type == Type.STRING) {
                b.append((String) next().value);
            }
            return new Expr.Const(t.line, b.toString());
        }
        if (t.type == Type.INTEGER || t.type == Type.FLOAT) {
            next();
            return new Expr.Const(t.line, t.value);
        }
        if (t.isOp("(")) {
            next();
            Expr node = parseTuple(false, true, null, true);
            expect(")");
            return node;
        }
        if (t.isOp("[")) {
            return parseList();
        }
        if (t.isOp("{")) {
            return parseDict();
        }
        throw fail("unexpected " + Py.repr(t.describe()), t.line);
    }

    private boolean isTupleEnd(String[] extraEndRules) {
        Token t = current();
        if (t.type == Type.VARIABLE_END || t.type == Type.BLOCK_END || t.isOp(")")) {
            return true;
        }
        return extraEndRules != null && testAny(t, extraEndRules);
    }

    private Expr parseTuple(boolean simplified, boolean withCondexpr, String[] extraEndRules,
            boolean explicitParentheses) {
        int line = current().line;
        List<Expr> args = new ArrayList<>();
        boolean isTuple = false;
        while (true) {
            if (!args.isEmpty()) {
                expect(",");
            }
            if (isTupleEnd(extraEndRules)) {
                break;
            }
            args.add(simplified ? parsePrimary() : parseExpression(withCondexpr));
            if (current().isOp(",")) {
                isTuple = true;
            } else {
                break;
            }
            line = current().line;
        }
        if (!isTuple) {
            if (!args.isEmpty()) {
                return args.get(0);
            }
            if (!explicitParentheses) {
                throw fail("Expected an expression, got " + Py.repr(current().describe()), current().line);
            }
        }
        return fold(new Expr.TupleLit(line, args.toArray(new Expr[0])));
    }

    private Expr parseList() {
        Token t = expect("[");
        List<Expr> items = new ArrayList<>();
        while (!current().isOp("]")) {
            if (!items.isEmpty()) {
                expect(",");
            }
            if (current().isOp("]")) {
                break;
            }
            items.add(parseExpression(true));
        }
        expect("]");
        return fold(new Expr.ListLit(t.line, items.toArray(new Expr[0])));
    }

    private Expr parseDict() {
        Token t = expect("{");
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (!current().isOp("}")) {
            if (!keys.isEmpty()) {
                expect(",");
            }
            if (current().isOp("}")) {
                break;
            }
            keys.add(parseExpression(true));
            expect(":");
            values.add(parseExpression(true));
        }
        expect("}");
        return fold(new Expr.DictLit(t.line, keys.toArray(new Expr[0]), values.toArray(new Expr[0])));
    }

    private Expr parsePostfix(Expr node) {
        while (true) {
            Token t = current();
            if (t.isOp(".") || t.isOp("[")) {
                node = parseSubscript(node);
            } else if (t.isOp("(")) {
                node = parseCall(node);
            } else {
                break;
            }
        }
        return node;
    }

    private Expr parseFilterExpr(Expr node) {
        while (true) {
            Token t = current();
            if (t.isOp("|")) {
                node = parseFilter(node, false);
            } else if (t.isName("is")) {
                node = parseTest(node);
            } else if (t.isOp("(")) {
                node = parseCall(node);
            } else {
                break;
            }
        }
        return node;
    }

    private Expr parseSubscript(Expr node) {
        Token t = next();
        if (t.isOp(".")) {
            Token attr = current();
            next();
            if (attr.type == Type.NAME) {
                return fold(new Expr.Getattr(t.line, node, (String) attr.value));
            }
            if (attr.type != Type.INTEGER) {
                throw fail("expected name or number", attr.line);
            }
            return fold(new Expr.Getitem(t.line, node, new Expr.Const(attr.line, attr.value)));
        }
        if (t.isOp("[")) {
            List<Expr> args = new ArrayList<>();
            while (!current().isOp("]")) {
                if (!args.isEmpty()) {
                    expect(",");
                }
                args.add(parseSubscribed());
            }
            expect("]");
            Expr arg = args.size() == 1 ? args.get(0) : new Expr.TupleLit(t.line, args.toArray(new Expr[0]));
            return fold(new Expr.Getitem(t.line, node, arg));
        }
        throw fail("expected subscript expression", t.line);
    }

    private Expr parseSubscribed() {
        int line = current().line;
        Expr start = null;
        if (current().isOp(":")) {
            next();
        } else {
            Expr node = parseExpression(true);
            if (!current().isOp(":")) {
                return node;
            }
            next();
            start = node;
        }
        Expr stop = null;
        if (!current().isOp(":") && !current().isOp("]") && !current().isOp(",")) {
            stop = parseExpression(true);
        }
        Expr step = null;
        if (current().isOp(":")) {
            next();
            if (!current().isOp("]") && !current().isOp(",")) {
                step = parseExpression(true);
            }
        }
        return new Expr.Slice(line, start, stop, step);
    }

    private Expr.Arguments parseCallArgs() {
        Token t = expect("(");
        List<Expr> args = new ArrayList<>();
        List<String> kwNames = new ArrayList<>();
        List<Expr> kwValues = new ArrayList<>();
        Expr dynArgs = null;
        Expr dynKwargs = null;
        boolean requireComma = false;
        while (!current().isOp(")")) {
            if (requireComma) {
                expect(",");
                if (current().isOp(")")) {
                    break;
                }
            }
            if (current().isOp("*")) {
                ensure(dynArgs == null && dynKwargs == null, t.line);
                next();
                dynArgs = parseExpression(true);
            } else if (current().isOp("**")) {
                ensure(dynKwargs == null, t.line);
                next();
                dynKwargs = parseExpression(true);
            } else if (current().type == Type.NAME && look().isOp("=")) {
                ensure(dynKwargs == null, t.line);
                String key = (String) current().value;
                next();
                next();
                kwNames.add(key);
                kwValues.add(parseExpression(true));
            } else {
                ensure(dynArgs == null && dynKwargs == null && kwNames.isEmpty(), t.line);
                args.add(parseExpression(true));
            }
            requireComma = true;
        }
        expect(")");
        if (args.isEmpty() && kwNames.isEmpty() && dynArgs == null && dynKwargs == null) {
            return Expr.Arguments.NONE;
        }
        return new Expr.Arguments(args.toArray(new Expr[0]), kwNames.toArray(new String[0]),
                kwValues.toArray(new Expr[0]), dynArgs, dynKwargs);
    }

    private void ensure(boolean ok, int line) {
        if (!ok) {
            throw fail("invalid syntax for function call expression", line);
        }
    }

    private Expr parseCall(Expr node) {
        int line = current().line;
        Expr.Arguments args = parseCallArgs();
        return new Expr.Call(line, node, args);
    }

    private Expr parseFilter(Expr node, boolean startInline) {
        while (current().isOp("|") || startInline) {
            if (!startInline) {
                next();
            }
            Token t = expect("name");
            StringBuilder name = new StringBuilder((String) t.value);
            while (current().isOp(".")) {
                next();
                name.append('.').append((String) expect("name").value);
            }
            Expr.Arguments args = current().isOp("(") ? parseCallArgs() : Expr.Arguments.NONE;
            String n = name.toString();
            Filters.Fn fn = Filters.lookup(n);
            if (fn == null && !soft && assertionError == null) {
                assertionError = fail("No filter named " + Py.repr(n) + ".", t.line);
            }
            node = node == null ? new Expr.Filter(t.line, null, n, fn, args)
                    : fold(new Expr.Filter(t.line, node, n, fn, args));
            startInline = false;
        }
        return node;
    }

    private Expr parseTest(Expr node) {
        Token t = next();
        boolean negated = false;
        if (current().isName("not")) {
            next();
            negated = true;
        }
        StringBuilder name = new StringBuilder((String) expect("name").value);
        while (current().isOp(".")) {
            next();
            name.append('.').append((String) expect("name").value);
        }
        Expr.Arguments args;
        Token c = current();
        if (c.isOp("(")) {
            args = parseCallArgs();
        } else if ((c.type == Type.NAME || c.type == Type.STRING || c.type == Type.INTEGER || c.type == Type.FLOAT
                || c.isOp("(") || c.isOp("[") || c.isOp("{"))
                && !(c.isName("else") || c.isName("or") || c.isName("and"))) {
            if (c.isName("is")) {
                throw fail("You cannot chain multiple tests with is", c.line);
            }
            Expr arg = parsePostfix(parsePrimary());
            args = new Expr.Arguments(new Expr[] {arg}, new String[0], new Expr[0], null, null);
        } else {
            args = Expr.Arguments.NONE;
        }
        String n = name.toString();
        Tests.Fn fn = Tests.lookup(n);
        if (fn == null && !soft && assertionError == null) {
            assertionError = fail("No test named " + Py.repr(n) + ".", t.line);
        }
        Expr test = fold(new Expr.Test(t.line, node, n, fn, args));
        return negated ? fold(new Expr.Unary(t.line, '!', test)) : test;
    }
}
