import { BoardLogin } from './features/login/BoardLogin';
import { SeatBoard } from './features/seats/SeatBoard';
import { useBoardStore } from './state/board-store';

export function App() {
  const session = useBoardStore((state) => state.session);
  return session ? <SeatBoard session={session} /> : <BoardLogin />;
}
