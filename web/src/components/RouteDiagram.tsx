import { Component, useEffect, useRef, useState, type ReactNode } from 'react';

/** The parts of bpmn-js (diagram-js) services this component uses. */
interface ViewerLike {
  importXML(xml: string): Promise<{ warnings: unknown[] }>;
  get(name: string): unknown;
  destroy(): void;
}
interface ElementLike {
  id: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
}
interface CanvasLike {
  addMarker(element: ElementLike | string, marker: string): void;
  removeMarker(element: ElementLike | string, marker: string): void;
  zoom(scale: 'fit-viewport', center?: 'auto'): number;
  resized(): void;
  viewbox(): { x: number; y: number; width: number; height: number; scale: number; inner: { x: number; y: number; width: number; height: number } };
}
interface RegistryLike {
  get(id: string): ElementLike | undefined;
}

export const DONE_MARKER = 'route-done';
export const CURRENT_MARKER = 'route-current';

export interface RouteDiagramProps {
  /** BPMN 2.0 XML with its diagram interchange (DI). */
  xml: string;
  /** The BPMN element the document stands at now. */
  currentId: string;
  /** The steps the document went through. */
  doneIds: string[];
  /** Task ids and names in route order: a text fallback when the route has no drawing. */
  steps: Array<{ id: string; name: string }>;
  stepNames: Record<string, string>;
}

/** The route drawn by bpmn-js's Viewer (loaded on demand), the steps done and the current one marked. */
export function RouteDiagram(props: RouteDiagramProps) {
  return (
    <DiagramBoundary fallback={<StepList {...props} message="Không hiển thị được sơ đồ quy trình." />}>
      <Diagram {...props} />
    </DiagramBoundary>
  );
}

class DiagramBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

type Status = 'loading' | 'ready' | 'no-diagram' | 'failed';

function Diagram(props: RouteDiagramProps) {
  const { xml, currentId, doneIds } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<ViewerLike | null>(null);
  const marked = useRef<Array<[string, string]>>([]);
  const [status, setStatus] = useState<Status>('loading');
  const [aspect, setAspect] = useState<number | null>(null);

  // Load bpmn-js only now (a separate chunk: the page paints first), then draw.
  useEffect(() => {
    let live = true;
    let viewer: ViewerLike | null = null;
    setStatus('loading');
    (async () => {
      try {
        const [{ default: Viewer }] = await Promise.all([
          import('bpmn-js/lib/Viewer'),
          import('bpmn-js/dist/assets/diagram-js.css'),
          import('bpmn-js/dist/assets/bpmn-js.css'),
        ]);
        if (!live || !canvasRef.current) return;
        viewer = new Viewer({ container: canvasRef.current }) as unknown as ViewerLike;
        await viewer.importXML(xml);
        if (!live) return;
        // One tab stop for the drawing: the scrollable region around it, not also the SVG diagram-js makes focusable.
        const svg = canvasRef.current.querySelector('svg');
        svg?.setAttribute('tabindex', '-1');
        svg?.setAttribute('aria-hidden', 'true');
        viewerRef.current = viewer;
        const inner = (viewer.get('canvas') as CanvasLike).viewbox().inner;
        if (inner.width > 0 && inner.height > 0) setAspect((inner.width + 40) / (inner.height + 40));
        setStatus('ready');
      } catch (err) {
        if (!live) return;
        setStatus(err instanceof Error && /no diagram to display/.test(err.message) ? 'no-diagram' : 'failed');
      }
    })();
    return () => {
      live = false;
      viewerRef.current = null;
      marked.current = [];
      try {
        viewer?.destroy();
      } catch {
        // a half-built viewer: nothing more to clean
      }
    };
  }, [xml]);

  // Fit the drawing to its box (again whenever the box changes size), and bring the current step into view.
  useEffect(() => {
    if (status !== 'ready') return;
    const box = canvasRef.current;
    let frame = 0;
    const fit = () => {
      const viewer = viewerRef.current;
      if (!viewer || !box) return;
      try {
        const canvas = viewer.get('canvas') as CanvasLike;
        canvas.resized();
        canvas.zoom('fit-viewport', 'auto');
        const scroller = scrollRef.current;
        // A tab stop only when there is something to scroll to (phones).
        if (scroller) scroller.tabIndex = scroller.scrollWidth > scroller.clientWidth ? 0 : -1;
        const el = (viewer.get('elementRegistry') as RegistryLike).get(currentId);
        if (scroller && el && el.x !== undefined && scroller.scrollWidth > scroller.clientWidth) {
          const vb = canvas.viewbox();
          const center = (el.x - vb.x + (el.width ?? 0) / 2) * vb.scale;
          scroller.scrollLeft = Math.max(0, center - scroller.clientWidth / 2);
        }
      } catch {
        // the drawing stays as it is
      }
    };
    fit();
    if (typeof ResizeObserver === 'undefined' || !box) return;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(fit);
    });
    observer.observe(box);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [status, aspect, currentId]);

  // The markers: steps done, and the current element.
  const doneKey = doneIds.join(' ');
  useEffect(() => {
    const viewer = viewerRef.current;
    if (status !== 'ready' || !viewer) return;
    try {
      const canvas = viewer.get('canvas') as CanvasLike;
      const registry = viewer.get('elementRegistry') as RegistryLike;
      for (const [id, marker] of marked.current) if (registry.get(id)) canvas.removeMarker(id, marker);
      marked.current = [];
      const add = (id: string, marker: string) => {
        if (!registry.get(id)) return;
        canvas.addMarker(id, marker);
        marked.current.push([id, marker]);
      };
      for (const id of new Set(doneKey.split(' ').filter(Boolean))) if (id !== currentId) add(id, DONE_MARKER);
      add(currentId, CURRENT_MARKER);
    } catch {
      // markers are a help, not a must
    }
  }, [status, currentId, doneKey]);

  if (status === 'no-diagram') return <StepList {...props} message="Quy trình này chưa có sơ đồ để hiển thị." />;
  if (status === 'failed') return <StepList {...props} message="Không hiển thị được sơ đồ quy trình." />;
  const current = props.stepNames[currentId] ?? currentId;
  const doneNames = [...new Set(doneIds.filter((d) => d !== currentId).map((d) => props.stepNames[d] ?? d))];
  return (
    <div className="route-diagram">
      {status === 'loading' && (
        <p className="loading" role="status">
          Đang tải sơ đồ…
        </p>
      )}
      <div
        ref={scrollRef}
        className={status === 'ready' ? 'route-scroll' : 'route-scroll is-loading'}
        role="region"
        aria-label="Sơ đồ quy trình (có thể cuộn ngang)"
        aria-busy={status !== 'ready'}
      >
        <div ref={canvasRef} className="route-canvas" style={aspect ? { aspectRatio: String(aspect) } : undefined} />
      </div>
      {status === 'ready' && (
        <p className="route-legend">
          <span className="legend-item">
            <span className="swatch done" aria-hidden="true" /> Đã qua
          </span>
          <span className="legend-item">
            <span className="swatch current" aria-hidden="true" /> Bước hiện tại: <strong>{current}</strong>
          </span>
          {doneNames.length > 0 && <span className="visually-hidden">Các bước đã qua: {doneNames.join(', ')}.</span>}
        </p>
      )}
    </div>
  );
}

/** The route's steps as a list, when it cannot be drawn. */
function StepList({ steps, currentId, doneIds, stepNames, message }: RouteDiagramProps & { message: string }) {
  const done = new Set(doneIds);
  return (
    <div className="route-diagram route-fallback">
      <p className="muted">{message}</p>
      {steps.length > 0 && (
        <ol className="route-steps">
          {steps.map((s) => (
            <li key={s.id} className={s.id === currentId ? 'current' : done.has(s.id) ? 'done' : undefined}>
              {s.name}
              {s.id === currentId ? ' — bước hiện tại' : done.has(s.id) ? ' — đã qua' : ''}
            </li>
          ))}
        </ol>
      )}
      {!steps.some((s) => s.id === currentId) && stepNames[currentId] && (
        <p>
          Bước hiện tại: <strong>{stepNames[currentId]}</strong>
        </p>
      )}
    </div>
  );
}
