// Routes. Child-specific pages take the child (or request) from the router's in-memory state,
// never from the URL, so no identifier of a child appears in an address, a history entry or a log.
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useSession } from '../auth/session';
import { Layout } from './Layout';
import { homeFor } from './roles';
import { SignIn } from '../auth/SignIn';
import { Callback, PopupCallback } from '../auth/Callback';
import { WorkTray } from '../tray/WorkTray';
import { JointView } from '../child/JointView';
import { AdviceRequests } from '../advice/AdviceRequests';
import { AdviceForm } from '../advice/AdviceForm';
import { CheckAnswers } from '../advice/CheckAnswers';
import { Confirmation } from '../advice/Confirmation';
import { DcoOverview } from '../dco/DcoOverview';
import { PrivacyReviews } from '../privacy/PrivacyReviews';
import { AuditTrail } from '../privacy/AuditTrail';
import { NotFound } from './NotFound';
import { FamilyHome } from '../family/FamilyHome';
import { MyStory } from '../family/MyStory';
import { StoryCheck } from '../family/StoryCheck';
import { StoryDone } from '../family/StoryDone';
import { Sharing } from '../family/Sharing';
import { WithdrawConsent } from '../family/WithdrawConsent';
import { NewConsent } from '../family/NewConsent';
import { WhoLooked } from '../family/WhoLooked';
import { ChildRecord } from '../family/ChildRecord';
import { FamilyInvite } from '../child/FamilyInvite';
import { RecordAttendance } from '../child/RecordAttendance';
import { AssessmentTracker } from '../family/AssessmentTracker';
import { Corrections } from '../family/corrections/Corrections';
import { NewCorrection } from '../family/corrections/NewCorrection';
import { CorrectionCheck } from '../family/corrections/CorrectionCheck';
import { CorrectionDone } from '../family/corrections/CorrectionDone';
import { Loading } from '../govuk/Loading';

// GraphiQL is big, and Observable Plot (with d3) is needed only by the pages with charts: each is
// a chunk of its own, loaded when its page is first opened.
const Explorer = lazy(() => import('../explorer/Explorer'));
const Dashboard = lazy(() => import('../dashboard/Dashboard').then((m) => ({ default: m.Dashboard })));
const AssessmentPage = lazy(() => import('../assessment/AssessmentPage').then((m) => ({ default: m.AssessmentPage })));
const loading = <Loading />;

function Private({ children }: { children: ReactNode }) {
  const { user } = useSession();
  return user ? <>{children}</> : <Navigate to="/sign-in" replace />;
}

function Home() {
  const { user } = useSession();
  return <Navigate to={user ? homeFor(user) : '/sign-in'} replace />;
}

export function App() {
  return (
    <Layout>
      <Suspense fallback={loading}>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/sign-in" element={<SignIn />} />
          <Route path="/auth/callback" element={<Callback />} />
          <Route path="/auth/popup" element={<PopupCallback />} />
          <Route
            path="/caseload"
            element={
              <Private>
                <WorkTray />
              </Private>
            }
          />
          <Route
            path="/child"
            element={
              <Private>
                <JointView />
              </Private>
            }
          />
          <Route
            path="/child/family"
            element={
              <Private>
                <FamilyInvite />
              </Private>
            }
          />
          <Route
            path="/child/attendance"
            element={
              <Private>
                <RecordAttendance />
              </Private>
            }
          />
          <Route
            path="/assessment"
            element={
              <Private>
                <AssessmentPage />
              </Private>
            }
          />
          <Route
            path="/advice"
            element={
              <Private>
                <AdviceRequests />
              </Private>
            }
          />
          <Route
            path="/advice/form"
            element={
              <Private>
                <AdviceForm />
              </Private>
            }
          />
          <Route
            path="/advice/check"
            element={
              <Private>
                <CheckAnswers />
              </Private>
            }
          />
          <Route
            path="/advice/done"
            element={
              <Private>
                <Confirmation />
              </Private>
            }
          />
          <Route
            path="/dco"
            element={
              <Private>
                <DcoOverview />
              </Private>
            }
          />
          <Route
            path="/dashboard"
            element={
              <Private>
                <Dashboard />
              </Private>
            }
          />
          <Route
            path="/privacy"
            element={
              <Private>
                <PrivacyReviews />
              </Private>
            }
          />
          <Route
            path="/privacy/audit"
            element={
              <Private>
                <AuditTrail />
              </Private>
            }
          />
          <Route
            path="/family"
            element={
              <Private>
                <FamilyHome />
              </Private>
            }
          />
          <Route
            path="/family/record"
            element={
              <Private>
                <ChildRecord />
              </Private>
            }
          />
          <Route
            path="/family/story"
            element={
              <Private>
                <MyStory />
              </Private>
            }
          />
          <Route
            path="/family/story/check"
            element={
              <Private>
                <StoryCheck />
              </Private>
            }
          />
          <Route
            path="/family/story/done"
            element={
              <Private>
                <StoryDone />
              </Private>
            }
          />
          <Route
            path="/family/sharing"
            element={
              <Private>
                <Sharing />
              </Private>
            }
          />
          <Route
            path="/family/sharing/withdraw"
            element={
              <Private>
                <WithdrawConsent />
              </Private>
            }
          />
          <Route
            path="/family/sharing/new"
            element={
              <Private>
                <NewConsent />
              </Private>
            }
          />
          <Route
            path="/family/who-looked"
            element={
              <Private>
                <WhoLooked />
              </Private>
            }
          />
          <Route
            path="/family/assessment"
            element={
              <Private>
                <AssessmentTracker />
              </Private>
            }
          />
          <Route
            path="/family/corrections"
            element={
              <Private>
                <Corrections />
              </Private>
            }
          />
          <Route
            path="/family/corrections/new"
            element={
              <Private>
                <NewCorrection />
              </Private>
            }
          />
          <Route
            path="/family/corrections/check"
            element={
              <Private>
                <CorrectionCheck />
              </Private>
            }
          />
          <Route
            path="/family/corrections/done"
            element={
              <Private>
                <CorrectionDone />
              </Private>
            }
          />
          <Route
            path="/explorer"
            element={
              <Private>
                <Explorer />
              </Private>
            }
          />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}
