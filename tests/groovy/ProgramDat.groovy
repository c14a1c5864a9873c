/**
 * Part of the test harness: writes an object graph the way Jenkins' CPS interpreter writes
 * program.dat, where the pipeline script object is not serialized but replaced by a reference
 * (here a placeholder string); every other object must be Serializable. read() loads classes
 * from the loader that compiled the library. Statically compiled: Groovy's dynamic dispatch
 * cannot reach ObjectOutputStream's protected methods on Java 17.
 */
@groovy.transform.CompileStatic
class ProgramDat extends ObjectOutputStream {
    static final String SCRIPT_PLACEHOLDER = 'the pipeline script'
    private final Object script

    private ProgramDat(OutputStream out, Object script) {
        super(out)
        this.script = script
        enableReplaceObject(true)
    }

    @Override
    protected Object replaceObject(Object o) {
        return o.is(script) ? SCRIPT_PLACEHOLDER : o
    }

    static byte[] write(Object graph, Object script) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream()
        ProgramDat out = new ProgramDat(bytes, script)
        out.writeObject(graph)
        out.close()
        return bytes.toByteArray()
    }

    static Object read(byte[] bytes, ClassLoader loader) {
        ObjectInputStream input = new ObjectInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            protected Class resolveClass(ObjectStreamClass description) {
                return Class.forName(description.name, false, loader)
            }
        }
        return input.readObject()
    }
}
