/**
 * The {@code vlm} command line (picocli): one class per subcommand, the exit-code table, the entry point.
 */
package io.vlm4j.cli;
