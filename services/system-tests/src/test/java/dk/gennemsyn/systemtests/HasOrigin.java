package dk.gennemsyn.systemtests;

/** A running Gennemsyn behind one origin: the processes of {@link RunningSystem} or the containers of {@link ContainerRun}. */
interface HasOrigin {

    /** Scheme, host and port, e.g. http://127.0.0.1:40123. */
    String origin();
}
