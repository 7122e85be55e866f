export default function IndicatorPage() { return <h1>Indicator</h1>; }
