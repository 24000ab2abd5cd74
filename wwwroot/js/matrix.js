// Reachability matrix drawn on one canvas: only the visible cells are painted, so a 1,000 × 1,000 view scrolls as
// smoothly as a 10 × 10 one. The server sends headers and one byte per cell (0 none, 1 some, 2 all, 3 n/a); this
// module draws, shows the hovered pair, and reports clicks back to the page.

const COLORS = ["#e57373", "#ffca28", "#66bb6a", "#eceff1"];
const STATE_TEXT = ["allowed on no port", "allowed on some ports", "allowed on every port", "no pair"];
const CHANGED = "#1565c0";
const HIGHLIGHT = "#6a1b9a"; // cells a draft would change: outlined for as long as the draft is shown
const SELECTED = "#212121";
const FLASH_MS = 4000;

function kindMark(kind) {
    switch (kind) {
        case "IngressController": return "⇢ ";
        case "External": return "◌ ";
        default: return "";
    }
}

class MatrixCanvas {
    constructor(host, dotnet) {
        this.host = host;
        this.dotnet = dotnet;
        this.scroller = host.querySelector(".mx-scroll");
        this.canvas = host.querySelector("canvas");
        this.spacer = host.querySelector(".mx-spacer");
        this.tip = host.querySelector(".mx-tip");
        this.ctx = this.canvas.getContext("2d");
        this.data = null;
        this.changedAt = new Map();
        this.highlight = [];
        this.selected = null;
        this.hover = null;
        this.frame = 0;
        this.onScroll = () => this.schedule();
        this.onResize = () => this.layout();
        this.onMove = e => this.move(e);
        this.onLeave = () => { this.hover = null; this.tip.hidden = true; this.schedule(); };
        this.onClick = e => this.click(e, false);
        this.onDouble = e => this.click(e, true);
        this.scroller.addEventListener("scroll", this.onScroll, { passive: true });
        this.scroller.addEventListener("mousemove", this.onMove);
        this.scroller.addEventListener("mouseleave", this.onLeave);
        this.scroller.addEventListener("click", this.onClick);
        this.scroller.addEventListener("dblclick", this.onDouble);
        window.addEventListener("resize", this.onResize);
        // The API the browser tests use to find and read cells without knowing the drawing's geometry.
        host.matrixApi = {
            rows: () => this.data ? this.data.rows.map(r => r.id) : [],
            columns: () => this.data ? this.data.columns.map(c => c.id) : [],
            rowOf: id => this.data ? this.data.rows.findIndex(r => r.id === id) : -1,
            columnOf: id => this.data ? this.data.columns.findIndex(c => c.id === id) : -1,
            state: (r, c) => this.data ? this.data.states[r * this.data.columns.length + c] : -1,
            locate: (r, c) => this.locate(r, c),
            // Clicks (a real mouse event on the drawing) where row r's header or cell (r, c) is drawn now, in the same
            // turn as the position is computed, so a redraw cannot move the target in between.
            click: (r, c, count) => {
                const p = this.locate(r, Math.max(0, c));
                const box = this.scroller.getBoundingClientRect();
                const x = c < 0 ? box.left + 8 : p.x;
                this.scroller.dispatchEvent(new MouseEvent(count === 2 ? "dblclick" : "click", { clientX: x, clientY: p.y, bubbles: true }));
            },
            changed: () => [...this.changedAt.keys()],
            highlighted: () => [...this.highlight],
        };
    }

    render(data) {
        const previous = this.data;
        this.data = data;
        const now = performance.now();
        if (!previous || previous.queryKey !== data.queryKey) this.changedAt.clear();
        for (const i of data.changed || []) this.changedAt.set(i, now);
        this.highlight = data.highlight || [];
        this.selected = data.selected && data.selected.length === 2 ? data.selected : null;
        this.layout();
        this.host.dataset.version = String(data.version);
        this.host.dataset.rows = String(data.rows.length);
        this.host.dataset.columns = String(data.columns.length);
        this.host.dataset.changed = String(this.changedAt.size);
        this.host.dataset.highlighted = String(this.highlight.length);
        this.host.dataset.ready = "true";
    }

    layout() {
        const d = this.data;
        if (!d) return;
        const width = this.scroller.clientWidth || 800;
        const height = this.scroller.clientHeight || 600;
        const measure = document.createElement("canvas").getContext("2d");
        measure.font = "12px Roboto, Arial, sans-serif";
        const longest = list => Math.max(40, ...list.slice(0, 2000).map(h => measure.measureText(kindMark(h.kind) + h.label).width));
        this.rowHeader = Math.min(280, longest(d.rows) + 16);
        this.columnHeader = Math.min(200, longest(d.columns) * 0.72 + 24);
        const fit = Math.floor(Math.min((width - this.rowHeader) / Math.max(1, d.columns.length),
            (height - this.columnHeader) / Math.max(1, d.rows.length)));
        this.cell = Math.max(8, Math.min(36, fit));
        this.labels = this.cell >= 12;
        this.spacer.style.width = `${this.rowHeader + this.cell * d.columns.length}px`;
        this.spacer.style.height = `${this.columnHeader + this.cell * d.rows.length}px`;
        // The canvas stays in view (position: sticky) and takes the viewport's height; the spacer gives the scroll extent.
        this.spacer.style.marginTop = `-${height}px`;
        const ratio = window.devicePixelRatio || 1;
        this.canvas.width = Math.floor(width * ratio);
        this.canvas.height = Math.floor(height * ratio);
        this.canvas.style.width = `${width}px`;
        this.canvas.style.height = `${height}px`;
        this.ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
        this.viewport = { width, height };
        this.draw();
    }

    schedule() {
        if (this.frame) return;
        this.frame = requestAnimationFrame(() => { this.frame = 0; this.draw(); });
    }

    draw() {
        const d = this.data;
        if (!d) return;
        const ctx = this.ctx;
        const { width, height } = this.viewport;
        const sx = this.scroller.scrollLeft, sy = this.scroller.scrollTop;
        const cell = this.cell, rh = this.rowHeader, ch = this.columnHeader;
        const nc = d.columns.length, nr = d.rows.length;
        ctx.clearRect(0, 0, width, height);
        const c0 = Math.max(0, Math.floor(sx / cell)), c1 = Math.min(nc, Math.ceil((sx + width - rh) / cell));
        const r0 = Math.max(0, Math.floor(sy / cell)), r1 = Math.min(nr, Math.ceil((sy + height - ch) / cell));
        const gap = cell >= 12 ? 1 : 0;
        for (let r = r0; r < r1; r++) {
            const y = ch + r * cell - sy;
            for (let c = c0; c < c1; c++) {
                ctx.fillStyle = COLORS[d.states[r * nc + c]] || COLORS[3];
                ctx.fillRect(rh + c * cell - sx, y, cell - gap, cell - gap);
            }
        }
        const now = performance.now();
        let flashing = false;
        ctx.lineWidth = 2;
        ctx.strokeStyle = HIGHLIGHT;
        for (const i of this.highlight) {
            const r = Math.floor(i / nc), c = i % nc;
            if (r < r0 || r >= r1 || c < c0 || c >= c1) continue;
            ctx.strokeRect(rh + c * cell - sx + 1, ch + r * cell - sy + 1, cell - 3, cell - 3);
        }
        for (const [i, t] of this.changedAt) {
            const age = now - t;
            if (age > FLASH_MS) continue;
            flashing = true;
            const r = Math.floor(i / nc), c = i % nc;
            if (r < r0 || r >= r1 || c < c0 || c >= c1) continue;
            ctx.globalAlpha = 1 - age / FLASH_MS * 0.7;
            ctx.strokeStyle = CHANGED;
            ctx.strokeRect(rh + c * cell - sx + 1, ch + r * cell - sy + 1, cell - 3, cell - 3);
        }
        ctx.globalAlpha = 1;
        if (this.selected) {
            const [r, c] = this.selected;
            ctx.strokeStyle = SELECTED;
            ctx.strokeRect(rh + c * cell - sx + 1, ch + r * cell - sy + 1, cell - 3, cell - 3);
        }
        // Headers on top of the cells, fixed while the cells scroll under them.
        ctx.fillStyle = "#ffffff";
        ctx.fillRect(0, 0, width, ch);
        ctx.fillRect(0, 0, rh, height);
        ctx.fillStyle = "#37474f";
        ctx.font = `${Math.min(12, Math.max(9, cell - 4))}px Roboto, Arial, sans-serif`;
        ctx.textBaseline = "middle";
        if (this.labels) {
            for (let r = r0; r < r1; r++) {
                const h = d.rows[r];
                const y = ch + r * cell - sy + cell / 2;
                ctx.fillStyle = this.hover && this.hover.r === r ? "#1565c0" : "#37474f";
                ctx.fillText(this.clip(kindMark(h.kind) + h.label, rh - 12), 6, y);
            }
            for (let c = c0; c < c1; c++) {
                const h = d.columns[c];
                const x = rh + c * cell - sx + cell / 2;
                ctx.save();
                ctx.translate(x, ch - 6);
                ctx.rotate(-Math.PI / 4);
                ctx.fillStyle = this.hover && this.hover.c === c ? "#1565c0" : "#37474f";
                ctx.fillText(this.clip(kindMark(h.kind) + h.label, (ch - 10) * 1.35), 0, 0);
                ctx.restore();
            }
        }
        ctx.fillStyle = "#90a4ae";
        ctx.fillText("sources ↓  destinations →", 6, 12);
        if (flashing) this.schedule();
    }

    clip(text, max) {
        if (this.ctx.measureText(text).width <= max) return text;
        let t = text;
        while (t.length > 1 && this.ctx.measureText(t + "…").width > max) t = t.slice(0, -1);
        return t + "…";
    }

    hit(e) {
        const box = this.scroller.getBoundingClientRect();
        const x = e.clientX - box.left, y = e.clientY - box.top;
        const sx = this.scroller.scrollLeft, sy = this.scroller.scrollTop;
        const d = this.data;
        if (!d) return null;
        const c = Math.floor((x - this.rowHeader + sx) / this.cell);
        const r = Math.floor((y - this.columnHeader + sy) / this.cell);
        if (x < this.rowHeader && y >= this.columnHeader && r >= 0 && r < d.rows.length) return { area: "row", r };
        if (y < this.columnHeader && x >= this.rowHeader && c >= 0 && c < d.columns.length) return { area: "column", c };
        if (x >= this.rowHeader && y >= this.columnHeader && r >= 0 && r < d.rows.length && c >= 0 && c < d.columns.length) return { area: "cell", r, c };
        return null;
    }

    move(e) {
        const h = this.hit(e);
        const d = this.data;
        if (!h || !d) { this.onLeave(); return; }
        let text;
        if (h.area === "cell") {
            const i = h.r * d.columns.length + h.c;
            const s = d.states[i];
            text = `${d.rows[h.r].label} → ${d.columns[h.c].label}: ${STATE_TEXT[s]}`;
            if (d.counts && s !== 3) text += ` (${d.counts.all[i]} of ${d.counts.pairs[i]} pod pairs on every port, ${d.counts.any[i]} on some)`;
            this.hover = { r: h.r, c: h.c };
        } else if (h.area === "row") {
            const row = d.rows[h.r];
            text = `${row.label}${row.pods ? ` · ${row.pods} pods` : ""}${row.drill ? " — click to open" : ""}`;
            this.hover = { r: h.r, c: -1 };
        } else {
            const col = d.columns[h.c];
            text = `${col.label}${col.pods ? ` · ${col.pods} pods` : ""}${col.drill ? " — click to open" : ""}`;
            this.hover = { r: -1, c: h.c };
        }
        const box = this.host.getBoundingClientRect();
        this.tip.textContent = text;
        this.tip.hidden = false;
        this.tip.style.left = `${Math.min(e.clientX - box.left + 14, box.width - 260)}px`;
        this.tip.style.top = `${e.clientY - box.top + 14}px`;
        this.schedule();
    }

    click(e, drill) {
        const h = this.hit(e);
        if (!h) return;
        if (h.area === "cell") {
            if (drill) this.dotnet.invokeMethodAsync("DrillCell", h.r, h.c);
            else {
                this.selected = [h.r, h.c];
                this.schedule();
                this.dotnet.invokeMethodAsync("SelectCell", h.r, h.c);
            }
        } else if (h.area === "row") this.dotnet.invokeMethodAsync("DrillRow", h.r);
        else this.dotnet.invokeMethodAsync("DrillColumn", h.c);
    }

    // Scrolls cell (r, c) into view and returns its centre in page coordinates.
    locate(r, c) {
        const cell = this.cell;
        const box = this.scroller.getBoundingClientRect();
        const needX = c * cell, needY = r * cell;
        const viewW = this.viewport.width - this.rowHeader, viewH = this.viewport.height - this.columnHeader;
        if (needX < this.scroller.scrollLeft || needX + cell > this.scroller.scrollLeft + viewW) this.scroller.scrollLeft = Math.max(0, needX - viewW / 2);
        if (needY < this.scroller.scrollTop || needY + cell > this.scroller.scrollTop + viewH) this.scroller.scrollTop = Math.max(0, needY - viewH / 2);
        this.draw();
        return {
            x: box.left + this.rowHeader + c * cell - this.scroller.scrollLeft + cell / 2,
            y: box.top + this.columnHeader + r * cell - this.scroller.scrollTop + cell / 2,
        };
    }

    dispose() {
        this.scroller.removeEventListener("scroll", this.onScroll);
        this.scroller.removeEventListener("mousemove", this.onMove);
        this.scroller.removeEventListener("mouseleave", this.onLeave);
        this.scroller.removeEventListener("click", this.onClick);
        this.scroller.removeEventListener("dblclick", this.onDouble);
        window.removeEventListener("resize", this.onResize);
        if (this.frame) cancelAnimationFrame(this.frame);
        delete this.host.matrixApi;
        this.data = null;
    }
}

export function create(host, dotnet) {
    return new MatrixCanvas(host, dotnet);
}
