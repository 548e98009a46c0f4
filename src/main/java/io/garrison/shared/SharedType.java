package io.garrison.shared;

/**
 * The element type of a {@link SharedValue} or {@link SharedArray}, named by the one-letter codes Python's
 * {@code multiprocessing.Value} and {@code Array} use.
 */
public enum SharedType {
    /** A 32-bit signed integer, Python's {@code 'i'}. */
    INT('i', Integer.BYTES),
    /** A 64-bit signed integer, Python's {@code 'l'} on 64-bit Linux. */
    LONG('l', Long.BYTES),
    /** A 64-bit floating point number, Python's {@code 'd'}. */
    DOUBLE('d', Double.BYTES);

    private final char code;
    private final int bytes;

    SharedType(char code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    /** The one-letter type code: {@code i}, {@code l} or {@code d}. */
    public char code() {
        return code;
    }

    /** The size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /** The type whose {@link #code()} is {@code code}. */
    public static SharedType ofCode(char code) {
        for (SharedType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown shared type code '" + code + "' (use i, l or d)");
    }
}
