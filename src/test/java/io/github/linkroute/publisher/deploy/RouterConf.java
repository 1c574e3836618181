package io.github.linkroute.publisher.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The sections of a qdrouterd.conf (Qpid Dispatch 1.x): {@code name { key: value ... }}. */
record RouterConf(List<Section> sections) {

    private static final Pattern SECTION = Pattern.compile("(\\w[\\w-]*)\\s*\\{([^}]*)\\}");
    private static final Pattern ATTRIBUTE = Pattern.compile("^\\s*([\\w-]+)\\s*:\\s*(.*?)\\s*$", Pattern.MULTILINE);

    record Section(String type, Map<String, String> attributes) {
        String get(String key) {
            return attributes.get(key);
        }
    }

    static RouterConf parse(String text) {
        String withoutComments = text.replaceAll("(?m)^\\s*#.*$", "");
        List<Section> sections = new ArrayList<>();
        Matcher section = SECTION.matcher(withoutComments);
        while (section.find()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher attribute = ATTRIBUTE.matcher(section.group(2));
            while (attribute.find()) {
                attributes.put(attribute.group(1), attribute.group(2));
            }
            sections.add(new Section(section.group(1), attributes));
        }
        return new RouterConf(sections);
    }

    List<Section> of(String type) {
        return sections.stream().filter(s -> s.type().equals(type)).toList();
    }
}
