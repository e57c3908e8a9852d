/**
 * Wiring that is not API: Guice assembles the registries here, and no Guice type leaves this package.
 */
package io.vlm4j.internal;
