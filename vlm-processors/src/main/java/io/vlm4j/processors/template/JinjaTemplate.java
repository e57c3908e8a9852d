package io.vlm4j.processors.template;

import io.vlm4j.TemplateException;
import io.vlm4j.text.ChatTemplate;
import io.vlm4j.text.TemplateContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A chat template compiled once by {@link JinjaEngine} and rendered as HF transformers 4.46 renders it:
 * {@code render(messages=..., tools=..., documents=..., add_generation_prompt=..., **extra_vars)} in jinja2
 * 3.1.2's {@code ImmutableSandboxedEnvironment}. Immutable and thread-safe: each render has its own state and
 * copies the context's values, so a template's {@code list.pop()} never changes the caller's lists.
 */
public final class JinjaTemplate implements ChatTemplate {
    static {
        // Initialise the engine's classes now, on a shallow stack: a class first initialised by a render that
        // then overflows the stack would stay unusable for the life of the JVM.
        Filters.exists("");
        Tests.exists("");
        Globals.lookup("");
        Methods.attribute("", "");
        PyStringMethods.unescape("");
        PyText.wordwrap("", 1, true, "", true);
        Conversions.parseFloat("0");
        PyFormat.formatValue(0L, "");
        PyFloats.repr(0.5);
        Strftime.format(java.time.LocalDateTime.of(2000, 1, 1, 0, 0), "");
        PyPrettyPrint.pformat(0L);
        Urls.quote("", false);
    }

    final Stmt[] body;
    final Map<String, Stmt.Block> blocks;
    private final TemplateLimits limits;

    /** The first capacity of the output buffer: the template's literal text and room for the values. */
    private final int outputCapacity;

    private JinjaTemplate(Stmt[] body, Map<String, Stmt.Block> blocks, TemplateLimits limits, int sourceLength) {
        this.body = body;
        this.blocks = blocks;
        this.limits = limits;
        this.outputCapacity = (int) Math.min(1 << 16, 256L + sourceLength);
    }

    /**
     * Compiles a template source (its exact text).
     *
     * @throws TemplateException {@code TemplateSyntaxError} naming the line, {@code RecursionError} for nesting
     *     beyond {@link TemplateLimits#maxNesting()}
     */
    public static JinjaTemplate compile(String source, TemplateLimits limits) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(limits, "limits");
        try {
            Parser.Result r = Parser.parse(source, limits.maxNesting());
            return new JinjaTemplate(r.body, r.blocks, limits, source.length());
        } catch (StackOverflowError e) {
            throw new TemplateException(Render.RECURSION_ERROR, "maximum recursion depth exceeded while parsing the"
                    + " template (it nests too deeply)");
        }
    }

    /** The limits every render of this template runs under. */
    public TemplateLimits limits() {
        return limits;
    }

    @Override
    public String render(TemplateContext context) {
        Objects.requireNonNull(context, "context");
        Render r = new Render(limits, this, context.now());
        Map<String, Object> vars = new HashMap<>();
        for (String reserved : new String[] {"messages", "tools", "documents", "add_generation_prompt"}) {
            if (context.extraVars().containsKey(reserved)) {
                throw new TemplateException(Py.TYPE_ERROR, "render() got multiple values for keyword argument "
                        + Py.repr(reserved));
            }
        }
        vars.put("messages", Values.convert(context.messages(), "messages"));
        vars.put("tools", Values.convert(context.tools(), "tools"));
        vars.put("documents", Values.convert(context.documents(), "documents"));
        vars.put("add_generation_prompt", context.addGenerationPrompt());
        for (Map.Entry<String, ?> e : context.extraVars().entrySet()) {
            vars.put(e.getKey(), Values.convert(e.getValue(), e.getKey()));
        }
        try {
            Scope root = Scope.root(r, vars);
            root.set("self", new TemplateReference(root));
            StringBuilder out = new StringBuilder(outputCapacity);
            Stmt.renderAll(body, root, out);
            return out.toString();
        } catch (StackOverflowError e) {
            throw new TemplateException(Render.RECURSION_ERROR, "maximum recursion depth exceeded (the render"
                    + " recursed deeper than the thread's stack)");
        } catch (OutOfMemoryError e) {
            throw new TemplateException(Render.LIMIT_EXCEEDED, "the render ran out of memory");
        }
    }
}
