use super::*;

mod real;

/// `to_text`, checked to be its own fixed point as well.
fn text(document: &str) -> String {
    let once = to_text(document);
    assert_eq!(to_text(&once), once, "not idempotent for {document:?}");
    once
}

#[test]
fn paragraphs_and_line_breaks() {
    assert_eq!(text("  a  \n\n\n\n b "), "a\n\nb");
    assert_eq!(text("<p>a</p><p>b</p>"), "a\n\nb");
    assert_eq!(text("a<br>b<br/>c"), "a\nb\nc");
    assert_eq!(text("a<br><br><br>b"), "a\n\nb");
    assert_eq!(text("第一行\n第二行"), "第一行\n第二行");
    assert_eq!(text("a \t\u{a0} b&nbsp;&nbsp;c"), "a b c");
    assert_eq!(text("<p>\n  a\n</p>\n\n<p></p><div>b</div>"), "a\n\nb");
    assert_eq!(text(""), "");
    assert_eq!(text("<p> </p><br>"), "");
}

#[test]
fn lists() {
    assert_eq!(
        text("注：<ul><li>a</li><li>b</li></ul>c"),
        "注：\n\n- a\n- b\n\nc"
    );
    assert_eq!(text("<ol><li>a</li><li>b</li></ol>"), "1. a\n2. b");
    assert_eq!(
        text("<ol start=\"3\"><li>a</li><li>b</li></ol>"),
        "3. a\n4. b"
    );
    assert_eq!(
        text("<ul><li>a<ul><li>b<ol><li>c</li></ol></li></ul></li><li>d</li></ul>"),
        "- a\n  - b\n    1. c\n- d"
    );
    // Under a number the nested list is indented by the number's width, so it nests.
    assert_eq!(
        text("<ol><li>a<ul><li>b</li></ul></li></ol>"),
        "1. a\n   - b"
    );
    assert_eq!(text("<ul><li>a<br>b</li></ul>"), "- a\n  b");
    assert_eq!(text("<ul><li><p>a</p><p>b</p></li></ul>"), "- a\n  b");
    assert_eq!(text("<ul><li></li><li> </li><li>x</li></ul>"), "- x");
    assert_eq!(text("* a\n* b\n\n1. c"), "- a\n- b\n\n1. c");
    // `<li>`s with no list around them, side by side, are one list.
    assert_eq!(text("x\n\n<li>a</li>\n<li>b</li>"), "x\n\n- a\n- b");
    // Two bullet lists in a row are one list to Markdown.
    assert_eq!(text("<ul><li>a</li></ul>\n<ul><li>b</li></ul>"), "- a\n- b");
    assert_eq!(text("<ul><li>1. a</li></ul>"), "- 1. a");
}

#[test]
fn text_that_reads_as_a_list_is_set_apart() {
    assert_eq!(
        text("注：<br>1. a<br>2. b<br>完"),
        "注：\n\n1. a\n2. b\n\n完"
    );
    assert_eq!(text("注：<br>- a"), "注：\n\n- a");
    // A list starting at 2 cannot interrupt a paragraph: it is text.
    assert_eq!(text("注：<br>2. a"), "注：\n2. a");
}

#[test]
fn links() {
    assert_eq!(
        text("见<a href=\"https://a.cn/x\" target=\"_blank\">文档</a>。"),
        "见文档 (https://a.cn/x)。"
    );
    assert_eq!(
        text("见[文档](https://a.cn/x)。"),
        "见文档 (https://a.cn/x)。"
    );
    assert_eq!(
        text("<a href=\"https://a.cn\">https://a.cn</a>"),
        "https://a.cn"
    );
    assert_eq!(text("<a href=\"https://a.cn\"></a>"), "https://a.cn");
    assert_eq!(text("<https://a.cn/y>"), "https://a.cn/y");
    assert_eq!(text("<a href=\"/docs/x\">相对</a>"), "相对");
    assert_eq!(text("<a href=\"javascript:void(0)\">点</a>"), "点");
    assert_eq!(text("<a href=\"\">空</a>"), "空");
    assert_eq!(text("<a>无</a>"), "无");
    assert_eq!(text("<a href=\"//a.cn/z\">z</a>"), "z (https://a.cn/z)");
    assert_eq!(
        text("<a href=\"https://a.cn/x\"><b>粗</b></a>"),
        "**粗** (https://a.cn/x)"
    );
    // Characters that would end an autolink early are percent-encoded.
    assert_eq!(
        text("<a href=\"https://a.cn/文档 (1)#计算\">x</a>"),
        "x (https://a.cn/%E6%96%87%E6%A1%A3%20%281%29#%E8%AE%A1%E7%AE%97)"
    );
    assert_eq!(text("[x](https://a.cn/x.)"), "x (https://a.cn/x%2E)");
    // Markdown left alone inside an HTML block still becomes text.
    assert_eq!(
        text("<p>见[文档](https://a.cn/x \"t\")和[b](</rel>)</p>"),
        "见文档 (https://a.cn/x)和b"
    );
    assert_eq!(text("<p>a[b](c d)</p>"), "a[b](c d)");
}

#[test]
fn images() {
    assert_eq!(
        text("![image](https://a.cn/1.png)"),
        "(图片: https://a.cn/1.png)"
    );
    assert_eq!(
        text("图<img src=\"https://a.cn/2.png\" width=\"400\" />"),
        "图(图片: https://a.cn/2.png)"
    );
    assert_eq!(
        text("<p>![image](https://a.cn/3.png)</p>"),
        "(图片: https://a.cn/3.png)"
    );
    assert_eq!(text("<img src=\"x.png\">a<img>"), "a");
}

#[test]
fn inline_styles_and_code() {
    assert_eq!(
        text("<b>粗</b>和<strong> 重 </strong>了"),
        "**粗**和 **重** 了"
    );
    assert_eq!(text("<b></b><b> </b>x"), "x");
    assert_eq!(text("<b>a<b>b</b></b>"), "**ab**");
    assert_eq!(text("<b>a<br>b</b>"), "**a**\n**b**");
    assert_eq!(text("<em>斜</em>与*强调*与**粗**"), "*斜*与*强调*与**粗**");
    assert_eq!(text("<b>a<i>b</i></b>"), "**a*b***");
    assert_eq!(
        text("<code>a &lt; b</code> `c  d` <code>x`y</code>"),
        "`a < b` `c  d` ``x`y``"
    );
    assert_eq!(text("<code>a</code><code>b</code>"), "`a` `b`");
    // Code spans already in an HTML block are kept whole, spaces and all.
    assert_eq!(text("<p>`a   b`  c</p>"), "`a   b` c");
    // Not across lines: a line may be a list item of its own (Markdown, reading this again,
    // would pair them, as they end up in one paragraph).
    assert_eq!(to_text("<p>a ` b<br>c ` d</p>"), "a ` b\nc ` d");
    assert_eq!(text("<li>a ` b</li><li>c ` d</li>"), "- a ` b\n- c ` d");
    assert_eq!(text("<font color=\"red\">红</font><span>字</span>"), "红字");
    // Custom elements leave their text; in Markdown text, a tag with no HTML name is text.
    assert_eq!(
        text("注：<dx-alert infotype=\"notice\" title=\"注意\">最多100</dx-alert>"),
        "注：最多100"
    );
    assert_eq!(text("<div><x>z</x></div>"), "z");
    assert_eq!(text("a <x>z</x>"), "a <x>z</x>");
    assert_eq!(text("## 标题\n正文"), "**标题**\n\n正文");
}

#[test]
fn code_blocks() {
    assert_eq!(
        text("```json\n{\n    \"a\": 1\n}\n```"),
        "`{`\n`    \"a\": 1`\n`}`"
    );
    assert_eq!(
        text("<pre><code>x = `y`\n\n  z</code></pre>"),
        "`` x = `y` ``\n`  z`"
    );
}

#[test]
fn tables() {
    assert_eq!(
        text("| 名 | 值 |\n|---|---|\n| a | 1 |\n| b |  |"),
        "名 | 值\na | 1\nb |"
    );
    assert_eq!(
        text(
            "<table><tbody><tr><td>a</td><td><b>b</b></td></tr></tbody><thead><tr><th>H1</th><th>H2</th></tr></thead></table>"
        ),
        "H1 | H2\na | **b**"
    );
    assert_eq!(
        text("前<table><tr><td>x<br>y</td><td></td><td>z</td></tr><tr><td> </td></tr></table>后"),
        "前\n\nx y | | z\n\n后"
    );
}

#[test]
fn entities() {
    assert_eq!(
        text("&quot;合同&quot;-&gt;&quot;中心&quot; a&amp;b &#x4e2d; &unknown; & x"),
        "\"合同\"->\"中心\" a&b 中 &unknown; & x"
    );
    // Markup escaped once too often is read as markup.
    assert_eq!(
        text("如&lt;font color=&quot;red&quot;&gt;红&lt;/font&gt;字 &lt;ul&gt;"),
        "如红字"
    );
    // A tag that names no HTML element is text.
    assert_eq!(text("返回 List<string> 或 a<b"), "返回 List<string> 或 a<b");
}

#[test]
fn dropped_markup() {
    assert_eq!(
        text(
            "a<svg><text>CreateFlow</text></svg>b<script>x()</script><style>p{}</style><!-- c -->"
        ),
        "ab"
    );
}

#[test]
fn hostile_input_is_text() {
    for input in [
        "<",
        "<<>>",
        "a<b",
        "</",
        "<a href=",
        "<b><i>x</b></i>",
        "<table><td>",
        "&",
        "&#",
        "&#xffffffff;",
        "&#0;",
        "<ul><li>",
        "</li></ul>",
        "[",
        "](",
        "![",
        "[a](",
        "`",
        "```",
        "\u{0}\u{7}\u{1b}[0m",
        "<pre>",
        "<code>",
        "<li><li><li>",
        "\r\n\r\n",
        "- ",
        "1. ",
        "<p><p><p>",
        "<a href=\"https://a.cn\"><a href=\"https://b.cn\">x</a></a>",
    ] {
        let out = to_text(input);
        assert_eq!(out, out.trim(), "{input:?}");
        assert!(!out.contains("\n\n\n"), "{input:?}");
        assert!(
            !out.chars().any(|c| c.is_control() && c != '\n'),
            "{input:?}"
        );
    }
    assert_eq!(to_text("\u{0}a\u{7}"), "a");
}

#[test]
fn deep_nesting_keeps_the_text() {
    let deep = format!(
        "{}x{}",
        "<div><span>".repeat(2_000),
        "</span></div>".repeat(2_000)
    );
    assert_eq!(to_text(&deep), "x");
    let quotes = format!("{}y", "> ".repeat(2_000));
    assert_eq!(to_text(&quotes), "y");
    let lists = format!("{}z", "<ul><li>".repeat(200));
    assert!(to_text(&lists).trim_start().ends_with("- z"));
}

#[test]
fn real_catalogue_strings() {
    for (at, document, expected) in real::REAL {
        assert_eq!(to_text(document), *expected, "{at}");
        assert_eq!(to_text(expected), *expected, "{at}: not idempotent");
    }
}

#[test]
fn element_names_are_sorted() {
    assert!(ELEMENTS.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn web_urls() {
    assert_eq!(
        web_url(" HTTPS://a.cn/x?y=1&z=2 ").as_deref(),
        Some("https://a.cn/x?y=1&z=2")
    );
    assert_eq!(web_url("http://a.cn/?").as_deref(), Some("http://a.cn/"));
    assert_eq!(web_url("https://"), None);
    assert_eq!(web_url("mailto:a@b.cn"), None);
    assert_eq!(web_url("qianapp://x"), None);
    assert_eq!(web_url("文档"), None);
}
