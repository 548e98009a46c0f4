package io.garrison.task;

/** Takes a string as UTF-8 bytes, which it must copy: they are lent for the length of the call. */
public interface Utf8Sink {

    void write(byte[] bytes, int offset, int length);
}
