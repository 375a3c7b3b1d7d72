import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  readonly error: Error | null;
}

/** Last line of defence against render bugs: a readable message instead of a blank page. */
export class ErrorBoundary extends Component<{ readonly children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Render error', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <main className="fatal" role="alert">
        <h1>SmartData Analyzer</h1>
        <p>Something went wrong while drawing the page. / Algo falló al dibujar la página.</p>
        <details>
          <summary>Details / Detalles</summary>
          <pre>{this.state.error.message}</pre>
        </details>
        <button type="button" onClick={() => location.reload()}>
          Reload / Recargar
        </button>
      </main>
    );
  }
}
