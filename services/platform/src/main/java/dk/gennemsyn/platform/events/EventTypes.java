package dk.gennemsyn.platform.events;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;

/** An event's type is the full name of its protobuf message, e.g. gennemsyn.caseintake.v1.CaseUpdated. */
public final class EventTypes {

    private EventTypes() {
    }

    public static String of(Message event) {
        return event.getDescriptorForType().getFullName();
    }

    public static String of(Class<? extends Message> type) {
        return descriptor(type).getFullName();
    }

    /** The schema version is the package's major version: gennemsyn.x.v1 => 1. */
    public static int schemaVersion(Descriptors.Descriptor descriptor) {
        String pkg = descriptor.getFile().getPackage();
        int i = pkg.lastIndexOf(".v");
        return i < 0 ? 1 : Integer.parseInt(pkg.substring(i + 2));
    }

    static Descriptors.Descriptor descriptor(Class<? extends Message> type) {
        try {
            return (Descriptors.Descriptor) type.getMethod("getDescriptor").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type + " is not a generated protobuf message", e);
        }
    }
}
