package io.vlm4j.runtime.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HubHttpTest {
    @Test
    void etagsAreNormalizedAsHuggingfaceHubDoes() {
        assertThat(HubHttp.normalizeEtag("\"abc\"")).isEqualTo("abc");
        assertThat(HubHttp.normalizeEtag("W/\"abc\"")).isEqualTo("abc");
        assertThat(HubHttp.normalizeEtag("abc")).isEqualTo("abc");
    }

    @Test
    void namesAreQuotedAsPythonsUrllibQuote() {
        assertThat(HubHttp.quote("refs/pr/1", false)).isEqualTo("refs%2Fpr%2F1");
        assertThat(HubHttp.quote("onnx/model q4.onnx", true)).isEqualTo("onnx/model%20q4.onnx");
        assertThat(HubHttp.quote("a~b_c-d.e", true)).isEqualTo("a~b_c-d.e");
        assertThat(HubHttp.quote("é+#?", true)).isEqualTo("%C3%A9%2B%23%3F");
    }
}
