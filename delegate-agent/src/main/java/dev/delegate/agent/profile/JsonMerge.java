package dev.delegate.agent.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Deep merge of YAML/JSON trees: objects merge key by key; anything else replaces. */
final class JsonMerge {
  private JsonMerge() {}

  static ObjectNode mergeInto(ObjectNode base, ObjectNode overlay) {
    for (Map.Entry<String, JsonNode> field : overlay.properties()) {
      JsonNode existing = base.get(field.getKey());
      if (existing instanceof ObjectNode target && field.getValue() instanceof ObjectNode source) {
        mergeInto(target, source);
      } else {
        base.set(field.getKey(), field.getValue().deepCopy());
      }
    }
    return base;
  }
}
