// The composer's YAML editor: Monaco (served from the BlazorMonaco package's static assets, loaded on first use) in
// place of a plain textarea. Edits go to the server after a short pause; long texts travel as a stream, so a pasted
// document larger than one circuit message cannot drop the connection. The server sets the text (when the builder
// changed the draft) and the error markers (line and column of YAML problems).

const BASE = "_content/BlazorMonaco/lib/monaco-editor/min/vs";
const DEBOUNCE_MS = 250;
const INLINE_LIMIT = 16 * 1024; // characters sent inline; longer values go as a stream
let loading = null;

function loadMonaco() {
    if (window.monaco && window.monaco.editor) return Promise.resolve(window.monaco);
    if (!loading) {
        loading = new Promise((resolve, reject) => {
            window.MonacoEnvironment = { getWorkerUrl: () => `${BASE}/base/worker/workerMain.js` };
            const script = document.createElement("script");
            script.src = `${BASE}/loader.js`;
            script.onload = () => {
                window.require.config({ paths: { vs: BASE } });
                window.require(["vs/editor/editor.main"], () => resolve(window.monaco), reject);
            };
            script.onerror = () => reject(new Error("the editor's scripts could not be loaded"));
            document.head.appendChild(script);
        });
    }
    return loading;
}

async function send(dotnet, text, maxLength) {
    if (text.length > maxLength) {
        await dotnet.invokeMethodAsync("EditorTooLong", text.length);
    } else if (text.length <= INLINE_LIMIT) {
        await dotnet.invokeMethodAsync("EditorChanged", text);
    } else {
        const bytes = new TextEncoder().encode(text);
        await dotnet.invokeMethodAsync("EditorChangedStream", DotNet.createJSStreamReference(bytes));
    }
}

class CodeEditor {
    constructor(host, dotnet, options) {
        this.host = host;
        this.dotnet = dotnet;
        this.maxLength = options.maxLength;
        this.editor = null;
        this.applying = false;
        this.timer = 0;
        this.markers = [];
    }

    async start(value, readOnly) {
        const monaco = await loadMonaco();
        const box = this.host.querySelector(".ce-monaco");
        const textarea = this.host.querySelector("textarea");
        this.editor = monaco.editor.create(box, {
            value: value ?? "",
            language: "yaml",
            automaticLayout: true,
            minimap: { enabled: false },
            scrollBeyondLastLine: false,
            tabSize: 2,
            insertSpaces: true,
            detectIndentation: false,
            fontSize: 13,
            readOnly: !!readOnly,
            renderWhitespace: "boundary",
            ariaLabel: "Policy YAML",
        });
        textarea.hidden = true;
        box.hidden = false;
        this.editor.onDidChangeModelContent(() => {
            if (this.applying) return;
            clearTimeout(this.timer);
            this.timer = setTimeout(() => this.flush(), DEBOUNCE_MS);
        });
        this.applyMarkers();
        this.host.dataset.editor = "monaco";
        // For browser tests: read the text, replace it as a user would (one undoable edit), and read the markers.
        this.host.editorApi = {
            value: () => this.editor.getValue(),
            type: text => {
                const model = this.editor.getModel();
                this.editor.executeEdits("test", [{ range: model.getFullModelRange(), text }]);
            },
            markers: () => monaco.editor.getModelMarkers({ owner: "policydash" }).map(m => ({ line: m.startLineNumber, column: m.startColumn, message: m.message })),
        };
    }

    flush() {
        clearTimeout(this.timer);
        if (this.editor) send(this.dotnet, this.editor.getValue(), this.maxLength).catch(() => { });
    }

    /** Replaces the text with what the server says the draft is, keeping the cursor where it was. */
    setValue(value) {
        if (!this.editor || this.editor.getValue() === value) return;
        const model = this.editor.getModel();
        const selection = this.editor.getSelection();
        this.applying = true;
        try {
            model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value }], () => null);
            if (selection) this.editor.setSelection(selection);
        } finally {
            this.applying = false;
        }
    }

    setMarkers(markers) {
        this.markers = markers || [];
        this.applyMarkers();
    }

    applyMarkers() {
        if (!this.editor) return;
        const model = this.editor.getModel();
        const lines = model.getLineCount();
        const list = this.markers.map(m => {
            const line = Math.min(Math.max(1, m.line), lines);
            const column = Math.max(1, m.column || 1);
            return {
                startLineNumber: line, startColumn: column,
                endLineNumber: line, endColumn: Math.max(column + 1, model.getLineMaxColumn(line)),
                message: m.message, severity: window.monaco.MarkerSeverity.Error,
            };
        });
        window.monaco.editor.setModelMarkers(model, "policydash", list);
    }

    dispose() {
        clearTimeout(this.timer);
        if (this.editor) this.editor.dispose();
        this.editor = null;
        delete this.host.editorApi;
    }
}

export async function create(host, dotnet, value, readOnly, maxLength) {
    const editor = new CodeEditor(host, dotnet, { maxLength });
    try {
        await editor.start(value, readOnly);
    } catch (e) {
        // Without Monaco the textarea stays: a plain editor, same draft.
        host.dataset.editor = "textarea";
        console.warn("code editor unavailable, using the plain text area", e);
    }
    return editor;
}
