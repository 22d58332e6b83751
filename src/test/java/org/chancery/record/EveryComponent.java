package org.chancery.record;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds records, through reflection over their {@link RecordComponent}s, in which every component of every record
 * (nested ones too) is non-null and no two values are alike, so that a writer that leaves out or mixes up any
 * component writes different bytes. It knows the component types the records use today; given any other it fails,
 * naming the component, so that a new kind of component cannot pass unnoticed.
 */
final class EveryComponent {
    /** Lists below this depth are empty, which ends the recursion Tweet, ReferencedTweet, Tweet. */
    private static final int LIST_DEPTH = 3;

    private int next = 1;

    /** A {@code type} with every component set. */
    <T> T make(Class<T> type) {
        return type.cast(value(type, 0, type.getSimpleName()));
    }

    private Object value(Type type, int depth, String where) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class) {
            // Digits, because most strings are ids that must be numeric; each one different.
            return Integer.toString(1000 + next++);
        }
        if (raw == int.class || raw == Integer.class) {
            return next++;
        }
        if (raw == long.class || raw == Long.class) {
            return 1_000_000_007L * next++;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return Boolean.TRUE;
        }
        if (raw == double.class || raw == Double.class) {
            return next++ + 0.125;
        }
        if (raw == Instant.class) {
            int n = next++;
            return Instant.ofEpochSecond(1_500_000_000L + n * 86_401L, n * 1_000_000L + n % 2 * 7);
        }
        if (raw.isEnum()) {
            Object[] constants = raw.getEnumConstants();
            return constants[next++ % constants.length];
        }
        if (raw == List.class) {
            List<Object> list = new ArrayList<>();
            if (depth < LIST_DEPTH) {
                Type element = typeArgument(type, 0, where);
                list.add(value(element, depth + 1, where + "[0]"));
                list.add(value(element, depth + 1, where + "[1]"));
            }
            return list;
        }
        if (raw == Map.class) {
            Map<Object, Object> map = new LinkedHashMap<>();
            Type key = typeArgument(type, 0, where);
            Type val = typeArgument(type, 1, where);
            // Inserted in reverse key order (the keys are same-length digit strings), so that only a writer that
            // orders entries by key writes them as the reference does.
            Object k1 = value(key, depth + 1, where + ".key");
            Object k2 = value(key, depth + 1, where + ".key");
            map.put(k2, value(val, depth + 1, where + ".value"));
            map.put(k1, value(val, depth + 1, where + ".value"));
            return map;
        }
        if (raw.isRecord()) {
            return record(raw, depth, where);
        }
        throw new IllegalStateException("EveryComponent cannot make a value of type " + type + " for " + where
                + ": teach it (and TweetJsonWriter) this type.");
    }

    private Object record(Class<?> type, int depth, String where) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = value(components[i].getGenericType(), depth + 1, where + "." + components[i].getName());
        }
        if (type == ReferencedTweet.class) {
            // The one cross-component rule: a reference's id is its embedded tweet's id.
            args[1] = ((Tweet) args[2]).id();
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("EveryComponent made values " + type.getSimpleName() + " refuses at "
                    + where + ": " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Record " + type.getName() + " has no canonical constructor.", e);
        }
    }

    private static Type typeArgument(Type type, int index, String where) {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[index];
        }
        throw new IllegalStateException("Component " + where + " has a raw type " + type + ".");
    }
}
