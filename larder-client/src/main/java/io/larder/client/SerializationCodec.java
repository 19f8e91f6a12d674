package io.larder.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;

/**
 * JDK serialization behind an allowlist filter.
 *
 * <p>Reading: every stream gets the filter before its first byte is read, so a class the filter
 * refuses is rejected from its descriptor, before any instance exists or any of its code runs.
 * Writing: each object of the graph, with its serializable superclasses, is checked against the
 * same filter, so a value that could not be read back is refused at the put that tries to store it
 * (naming the offending class) rather than surfacing as a failed read on another instance.
 */
final class SerializationCodec<V> implements Codec<V> {
  private final Class<V> type;
  private final ObjectInputFilter filter;

  SerializationCodec(Class<V> type, ObjectInputFilter filter) {
    this.type = type;
    this.filter = filter;
  }

  @Override
  public byte[] encode(V value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (CheckedOutput out = new CheckedOutput(bytes, filter)) {
      out.writeObject(value);
    } catch (NotSerializableException e) {
      throw new CodecException(
          "cannot store a "
              + value.getClass().getName()
              + ": "
              + e.getMessage()
              + " is not Serializable",
          e);
    } catch (RefusedClassException e) {
      throw new CodecException(
          "cannot store a "
              + value.getClass().getName()
              + ": it contains a "
              + e.getMessage()
              + ", which this codec's allowlist refuses, so it could not be read back",
          e);
    } catch (IOException | RuntimeException e) {
      throw new CodecException("cannot serialize a " + value.getClass().getName() + ": " + e, e);
    }
    return bytes.toByteArray();
  }

  @Override
  public V decode(byte[] bytes) {
    RecordingFilter recording = new RecordingFilter(filter);
    Object value;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      in.setObjectInputFilter(recording);
      value = in.readObject();
    } catch (InvalidClassException e) {
      if (recording.refused != null) {
        throw new CodecException("refused to deserialize " + recording.refused, e);
      }
      throw new CodecException("cannot deserialize: " + e.getMessage(), e);
    } catch (ClassNotFoundException e) {
      throw new CodecException(
          "cannot deserialize: class " + e.getMessage() + " is not on the classpath", e);
    } catch (IOException | RuntimeException e) {
      throw new CodecException("cannot deserialize: " + e, e);
    }
    if (!type.isInstance(value)) {
      throw new CodecException(
          "stored value is a " + value.getClass().getName() + ", not a " + type.getName());
    }
    return type.cast(value);
  }

  @Override
  public String name() {
    return type == Object.class ? "java" : "java(" + type.getName() + ")";
  }

  /** Thrown from {@link CheckedOutput#replaceObject} with the refused class's name. */
  private static final class RefusedClassException extends IOException {
    private static final long serialVersionUID = 1L;

    RefusedClassException(String className) {
      super(className);
    }
  }

  /**
   * An object stream that refuses to write a class the read side's filter would refuse: only {@code
   * REJECTED} counts, as when reading (primitive arrays stay undecided, and are read).
   */
  private static final class CheckedOutput extends ObjectOutputStream {
    private final ObjectInputFilter filter;
    private boolean failed;

    CheckedOutput(OutputStream out, ObjectInputFilter filter) throws IOException {
      super(out);
      this.filter = filter;
      enableReplaceObject(true);
    }

    @Override
    protected Object replaceObject(Object object) throws IOException {
      if (failed) {
        return object; // the stream writes the failure itself into the (discarded) output
      }
      if (!(object instanceof Serializable)) {
        failed = true;
        throw new NotSerializableException(object.getClass().getName());
      }
      for (Class<?> c = object.getClass();
          c != null && Serializable.class.isAssignableFrom(c);
          c = c.getSuperclass()) {
        if (filter.checkInput(new ClassOnly(c)) == ObjectInputFilter.Status.REJECTED) {
          failed = true;
          throw new RefusedClassException(c.getName());
        }
      }
      return object;
    }
  }

  /** What the filter sees when asked about a class alone, with no stream limits reached. */
  private record ClassOnly(Class<?> serialClass) implements ObjectInputFilter.FilterInfo {
    @Override
    public long arrayLength() {
      return -1;
    }

    @Override
    public long depth() {
      return 1;
    }

    @Override
    public long references() {
      return 0;
    }

    @Override
    public long streamBytes() {
      return 0;
    }
  }

  /** Delegates, and remembers what was refused so the error can name it. */
  private static final class RecordingFilter implements ObjectInputFilter {
    private final ObjectInputFilter delegate;
    private String refused;

    RecordingFilter(ObjectInputFilter delegate) {
      this.delegate = delegate;
    }

    @Override
    public Status checkInput(FilterInfo info) {
      Status status = delegate.checkInput(info);
      if (status == Status.REJECTED && refused == null) {
        Class<?> type = info.serialClass();
        refused =
            type != null && delegate.checkInput(new ClassOnly(type)) == Status.REJECTED
                ? "class " + type.getName() + ": not in the allowlist"
                : "a stream over the limits (depth "
                    + info.depth()
                    + ", references "
                    + info.references()
                    + ", array length "
                    + info.arrayLength()
                    + ")";
      }
      return status;
    }
  }
}
