package io.vlm4j.processors.template;

import java.util.Map;

/** Jinja2's {@code self}: {@code self.blockname()} renders a block of the template. One render. */
final class TemplateReference {
    private final Scope root;

    TemplateReference(Scope root) {
        this.root = root;
    }

    Object block(String name, Object absent) {
        Stmt.Block b = root.render.template.blocks.get(name);
        return b == null ? absent : new BlockReference(name, b, root);
    }

    /** A block of the template as a value: calling it renders the block. */
    static final class BlockReference implements PyCallable {
        final String name;
        private final Stmt.Block block;
        private final Scope root;

        BlockReference(String name, Stmt.Block block, Scope root) {
            this.name = name;
            this.block = block;
            this.root = root;
        }

        @Override
        public Object call(Render r, Object[] args, Map<String, Object> kwargs) {
            Args.none("BlockReference", args, kwargs);
            StringBuilder out = new StringBuilder();
            block.renderBlock(root, out);
            String text = out.toString();
            return r.autoescape ? new Markup(text) : text;
        }
    }
}
