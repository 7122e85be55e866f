export default function CaseloadsPage() { return <h1>Caseloads</h1>; }
