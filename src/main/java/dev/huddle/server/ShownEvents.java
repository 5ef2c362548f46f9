package dev.huddle.server;

import dev.huddle.api.JsonCodec;
import dev.huddle.app.log.BoardView;
import dev.huddle.core.event.Event;
import dev.huddle.core.message.Envelope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An event of {@code /events} as JSON: what {@link BoardView} shows, the message it delivers with
 * a {@code message.send} put in the event's {@code data.message}, the envelope as {@code inbox}
 * gives it.
 */
final class ShownEvents {

    private ShownEvents() {}

    static Object json(BoardView.Shown shown) {
        Event e = shown.event();
        if (shown.message().isEmpty()) {
            return JsonCodec.encode(e, Event.class);
        }
        Map<String, Object> data = new LinkedHashMap<>(e.data());
        data.put("message", present(JsonCodec.encode(shown.message().get(), Envelope.class)));
        Event carrying = new Event(e.seq(), e.stamp(), e.agent(), e.wall(), e.kind(), e.task(), e.path(), data);
        return JsonCodec.encode(carrying, Event.class);
    }

    /** The envelope's JSON without its absent fields: an event's data holds only values. */
    private static Object present(Object json) {
        if (json instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    out.put(String.valueOf(k), present(v));
                }
            });
            return out;
        }
        if (json instanceof List<?> list) {
            return list.stream().filter(Objects::nonNull).map(ShownEvents::present).toList();
        }
        return json;
    }
}
