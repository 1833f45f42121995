package rwsweep.driver.summary;

/** HTML text escaping: the one place report text becomes markup. */
final class Html {
    private Html() { }

    /** Escapes &amp;, &lt;, &gt; and both quotes, so any text is safe in an element or attribute. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
